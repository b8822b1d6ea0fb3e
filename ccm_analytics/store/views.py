"""The public views: a contract for ad hoc users and tests. Each declares what it reads and its dated macro."""
from __future__ import annotations

from ccm_analytics.store.declarations import PRECISION, C, View

VIEWS: tuple[View, ...] = (
    View("state_status", "One row per State (197): its treaty status today.", (
        C("iso3", "VARCHAR", "ISO 3166-1 alpha-3 code."),
        C("state_name", "VARCHAR", "Short name in UN style."),
        C("un_region", "VARCHAR", "UN M49 region."),
        C("un_subregion", "VARCHAR", "UN M49 sub-region."),
        C("signature_date", "DATE", "Day the State signed; empty if it did not."),
        C("consent_date", "DATE", "Day its instrument of ratification, acceptance or accession was deposited."),
        C("consent_type", "VARCHAR", "ratification, acceptance or accession."),
        C("entry_into_force_date", "DATE", "Day the Convention entered into force for the State (Article 17)."),
        C("withdrawal_date", "DATE", "Day its withdrawal took effect (Article 20)."),
        C("status", "VARCHAR", "State Party, Signatory, Not signatory or Withdrawn."),
        C("in_force", "BOOLEAN", "True if the State is a State Party and the Convention has entered into force for it."),
    ), "SELECT * FROM state_status_at(current_date)", reads=("state_status_at",), dated_macro="state_status_at",
        notes=("`state_status_at(DATE '2020-12-31')` gives the same columns for any other date.",)),
    View("parties_by_year", "Counts at 31 December of each year from 2008, and at today's date for the current year.", (
        C("year", "INTEGER", "Calendar year."),
        C("states_parties", "BIGINT", "States Parties (instrument deposited, withdrawal not yet effective)."),
        C("in_force", "BIGINT", "States Parties for which the Convention has entered into force."),
        C("signatories_only", "BIGINT", "Signatories that have not deposited an instrument."),
        C("new_parties", "BIGINT", "Instruments deposited during the year (up to today in the current year)."),
        C("withdrawals", "BIGINT", "Withdrawals that took effect during the year."),
    ), """
    WITH years AS (
        SELECT y::INTEGER AS year,
               CASE WHEN y = year(current_date) THEN current_date ELSE make_date(y::INTEGER, 12, 31) END AS d
        FROM range(2008, year(current_date) + 1) r(y))
    SELECT year,
           count(*) FILTER (WHERE consent_date <= d AND NOT coalesce(withdrawal_date <= d, false)) AS states_parties,
           count(*) FILTER (WHERE consent_date <= d AND NOT coalesce(withdrawal_date <= d, false)
                            AND thirtieth_deposit() <= d AND entry_into_force_date <= d) AS in_force,
           count(*) FILTER (WHERE signature_date <= d AND NOT coalesce(consent_date <= d, false)) AS signatories_only,
           count(*) FILTER (WHERE year(consent_date) = year AND consent_date <= d) AS new_parties,
           count(*) FILTER (WHERE year(withdrawal_date) = year AND withdrawal_date <= d) AS withdrawals
    FROM years CROSS JOIN state_facts GROUP BY year ORDER BY year""", reads=("state_facts",)),
    View("obligation_deadlines", "One row per State Party and article (3 or 4) with an obligation, and its status today.", (
        C("iso3", "VARCHAR", "State Party (ISO 3166-1 alpha-3)."),
        C("article", "INTEGER", "3 (stockpile destruction) or 4 (clearance)."),
        C("original_deadline", "DATE", "Entry into force plus 8 years (Article 3) or 10 years (Article 4)."),
        C("current_deadline", "DATE", "The latest deadline granted by a recorded decision, else the original one."),
        C("extensions_granted", "BIGINT", "Extensions granted by recorded decisions."),
        C("completion_date", "DATE", "Completion recorded (first day of its month or year where only that is known)."),
        C("status", "VARCHAR", "The first that applies of: completed; deadline passed, extension requested (the "
                               "current deadline has passed and a request awaits a recorded decision); extension "
                               "requested (a request awaits a recorded decision, the deadline not passed); overdue; "
                               "due within 12 months; on track; unknown."),
        C("state_name", "VARCHAR", "Short name in UN style."),
        C("entry_into_force_date", "DATE", "Entry into force for the State."),
        C("current_deadline_precision", "VARCHAR", PRECISION),
        C("completion_date_precision", "VARCHAR", PRECISION),
        C("pending_requests", "BIGINT", "Extension requests submitted whose decision is not recorded."),
        C("completed_by", "DATE", "Completed, the date not in the data: the latest day it is known to have been "
                                  "completed by (e.g. the day the data are current to)."),
    ), "SELECT * FROM obligation_deadlines_at(current_date)", reads=("obligation_deadlines_at",),
        dated_macro="obligation_deadlines_at",
        notes=("`obligation_deadlines_at(DATE '2020-12-31')` gives the same columns for any other date.",
               "A deadline that passed after the date the data are current to reads `unknown`, not `overdue`.",
               "So does a passed deadline where completion is dated only to a month or year that includes the date.",
               "The pandas twin of the status rule, used only to check it, is `tests/oracles.py`.")),
    View("isu_budget", "The ISU budget (kind = budget) and imported actual expenditure (kind = actual), per year and line.", (
        C("year", "INTEGER", "Budget year."),
        C("budget_line", "VARCHAR", "Salaries, Social charges, Communication, Travel or Other implementation support costs."),
        C("amount_chf", "DECIMAL(14,2)", "Amount in Swiss francs."),
        C("kind", "VARCHAR", "budget or actual."),
    ), "SELECT year, budget_line, amount_chf, kind FROM budget_lines ORDER BY kind, year, budget_line",
        reads=("budget_lines",)),
    View("contributions", "Contributions received from States (imported ISU records; none are public).", (
        C("iso3", "VARCHAR", "Contributing State (ISO 3166-1 alpha-3)."),
        C("year", "INTEGER", "Budget year the contribution is for."),
        C("amount_chf", "DECIMAL(14,2)", "Amount received, in Swiss francs."),
        C("received_date", "DATE", "Day the payment was received."),
        C("source", "VARCHAR", "Where the record comes from (the imported file)."),
    ), "SELECT iso3, year, amount_chf, received_date, source FROM contribution_records ORDER BY year, iso3",
        reads=("contribution_records",)),
    View("article7_status", "One row per Article 7 transparency report owed up to today: the initial report of every "
         "State Party, and the annual report for each calendar year from the year its initial report fell due, due "
         "30 April of the next year, while the Convention is in force for the State on that date.", (
        C("iso3", "VARCHAR", "State (ISO 3166-1 alpha-3)."),
        C("report_type", "VARCHAR", "initial or annual."),
        C("reporting_year", "INTEGER", "Calendar year an annual report covers; empty for initial reports."),
        C("due_date", "DATE", "Initial: 180 days after entry into force; annual: 30 April after the reporting year."),
        C("submitted_date", "DATE", "Date the report was submitted, where a record gives it (first day of its month or year "
                                    "where only that is known)."),
        C("status", "VARCHAR", "submitted on time, submitted late, submitted (date not in data) (initial: submitted "
                               "by `submitted_by`, the day not known), submitted, date unknown (annual), overdue "
                               "(initial) or missing (annual) only where a record lists it as outstanding after its "
                               "due date, no record in data (annual), not yet due, or unknown."),
        C("submitted_by", "DATE", "Last day by which the report had been submitted: the end of the month or year of "
                                  "a partial date, the date of an undated record, or the last day of a complete list "
                                  "of overdue initial reports that does not name the State."),
    ), "SELECT * FROM article7_status_at(current_date)", reads=("article7_status_at",),
        dated_macro="article7_status_at",
        notes=("`article7_status_at(DATE '2025-09-30')` gives the same columns for any other date.",
               "Annual reports are listed for the calendar years ended by the date (the current year's is not yet owed).",
               "`no record in data` is not a missing report: per-State annual report records are mostly not public.",
               "A status that depends on facts later than the date the Article 7 data are current to reads `unknown`.",
               "A record listing a report as outstanding makes it `overdue`/`missing` only until the next 30 April "
               "after the record's date (the next reporting deadline), never past the data's current-to date.")),
    View("article5", "States Parties with responsibility for cluster munition victims (Article 5), from a sourced "
         "list loaded by import; empty until such a list is loaded.", (
        C("iso3", "VARCHAR", "State Party (ISO 3166-1 alpha-3)."),
        C("state_name", "VARCHAR", "Short name in UN style."),
        C("as_of_date", "DATE", "Date of the list the row comes from."),
        C("source", "VARCHAR", "Where the list comes from."),
        C("notes", "VARCHAR", "Caveats."),
    ), "SELECT a.iso3, s.state_name, a.as_of_date, a.source, a.notes FROM article5_responsibility a "
       "LEFT JOIN states s USING (iso3) ORDER BY s.state_name", reads=("article5_responsibility", "states")),
)


