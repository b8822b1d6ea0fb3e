"""Universalization: who has joined the Convention, who has not, and where to push next."""
import streamlit as st

from ccm_analytics import charts_universalization as charts
from ccm_analytics import geo, ui
from ccm_analytics import universalization as uz
from ccm_analytics.formatting import format_count, format_date
from ccm_analytics.links import with_profile_links
from ccm_analytics.treaty import state_facts

FILES = ["treaty_events.csv"]
SOURCES = FILES + ["states.csv"]  # states.csv is a reference list with no current-to date
NONE = "none recorded"
LABELS = {
    "state_name": "State", "un_region": "UN region", "un_subregion": "UN sub-region", "status": "Status",
    "category": "Status", "states": "States", "states_parties": "States Parties", "in_force": "in force",
    "signatories": "Signatories", "not_signatory": "Not signatory", "withdrawn": "Withdrawn",
    "not_party": "Not party (all)", "signature_date": "Signature", "years_since_signature": "Years since signature",
    "consent_date": "Instrument deposited", "withdrawal_date": "Withdrawal took effect",
}


def columns(**extra):
    """Column labels for the tables, the profile link column first."""
    return {"profile": ui.profile_link_column(), "iso3": None, **LABELS, **extra}


st.title("Universalization")
st.caption("For the Coordination Committee and the Working Group on Universalization: who has joined the "
           "Convention, who has not, and where to push next.")
as_of = ui.reference_date()
ui.data_as_of(as_of, FILES)

status = uz.status_for_map(ui.load("state_status_at", as_of))
by_category = uz.category_counts(status)
c1, c2, c3, c4, c5 = st.columns(5)
c1.metric("States Parties", format_count(uz.headline_counts(status)["states_parties"]))
c2.metric("of which not yet in force", format_count(by_category["State Party (not yet in force)"]),
          help="Instrument deposited; the Convention enters into force for the State on the first day of the "
               "sixth month after the month of deposit (Article 17).")
c3.metric("Signatories", format_count(by_category["Signatory"]), help="Signed, no instrument deposited.")
c4.metric("Not signatory", format_count(by_category["Not signatory"]))
c5.metric("Withdrawn", format_count(by_category["Withdrawn"]))

# --- Map ---------------------------------------------------------------------------------------
st.subheader(f"Status on {format_date(as_of)}")
on_map = geo.map_iso3()
shapes, _ = geo.split_by_map(status, on_map)
points = geo.off_map_points(status, on_map)
summary = "; ".join(f"{c}: {n}" for c, n in by_category.items())
st.plotly_chart(charts.status_map(shapes, points, as_of), config=ui.PLOTLY_CONFIG, key="status_map",
                alt=f"World map of the Convention's status on {format_date(as_of)}. {summary}.")
st.caption(f"{len(points)} States are too small for the map's country shapes; they are marked with a point in "
           "the colour of their status (positions from hdx-python-country) and listed below.")
with st.expander(f"States the map shows as points ({len(points)})"):
    st.dataframe(with_profile_links(uz.state_list(points, dates=False), as_of),
                 hide_index=True, column_config=columns(), key="off_map_table")
with st.expander("Status of every State (the map as a table)"):
    every = uz.dates_as_text(uz.state_list(status), ["signature_date", "consent_date", "withdrawal_date"], NONE)
    st.dataframe(with_profile_links(every, as_of), hide_index=True, column_config=columns(), key="all_states_table")
    ui.download_buttons(status, "state_status", as_of, FILES)

# --- Over time ------------------------------------------------------------------------------------
st.subheader("States Parties over time")
facts = state_facts(ui.load_table("states"), ui.load_table("treaty_events"))
marks = uz.milestones(facts, as_of)
st.plotly_chart(charts.parties_over_time_by_region(uz.parties_over_time_by_region(facts, as_of), marks, as_of),
                config=ui.PLOTLY_CONFIG, key="parties_over_time",
                alt="States Parties on each day, stacked by UN region, with entry into force and withdrawals marked.")
by_year = uz.new_parties_by_year(facts, as_of)
st.plotly_chart(charts.new_parties_per_year(by_year, as_of), config=ui.PLOTLY_CONFIG, key="new_parties",
                alt="Instruments deposited per year by UN region, and withdrawals.")
with st.expander("New States Parties per year (table)"):
    st.dataframe(by_year, hide_index=True, key="by_year_table", column_config={
        "year": st.column_config.NumberColumn("Year", format="%d"), "un_region": "UN region",
        "new_parties": "Instruments deposited", "withdrawals": "Withdrawals that took effect"})
    ui.download_buttons(by_year, "new_parties_by_year", as_of, FILES)

# --- Regions --------------------------------------------------------------------------------------
st.subheader("By UN region")
share = {"share_party_percent": st.column_config.NumberColumn("Share party", format="%.1f %%",
                                                              help="States Parties / States in the region")}
regions_tab, subregions_tab = st.tabs(["UN regions", "UN sub-regions"])
with regions_tab:
    regions = uz.region_counts(status)
    st.dataframe(regions, hide_index=True, column_config=columns(**share), key="regions_table")
    ui.download_buttons(regions, "regions", as_of, FILES)
with subregions_tab:
    subregions = uz.region_counts(status, ("un_region", "un_subregion"))
    st.dataframe(subregions, hide_index=True, column_config=columns(**share), key="subregions_table")
    ui.download_buttons(subregions, "subregions", as_of, FILES)
st.caption("Not party (all): every State that is not a State Party on the date, signatories and withdrawn "
           "States included.")

# --- Targets --------------------------------------------------------------------------------------
st.subheader("Targets")
chosen_regions = st.multiselect("UN regions", uz.region_names(status), key="target_regions",
                                placeholder="All regions")
target_frame = uz.targets(status, as_of, chosen_regions)
signatories = uz.signatory_targets(target_frame)
others = uz.non_signatory_targets(target_frame)
st.markdown(f"**Signatories that have not ratified ({len(signatories)})**")
st.dataframe(with_profile_links(signatories, as_of), hide_index=True, key="signatories_table",
             column_config=columns(signature_date=st.column_config.DateColumn("Signature", format="D MMMM YYYY")))
st.markdown(f"**States not party that have not signed, or have withdrawn ({len(others)})**")
st.dataframe(with_profile_links(uz.dates_as_text(others, ["consent_date", "withdrawal_date"], NONE), as_of),
             hide_index=True, column_config=columns(), key="non_signatories_table")
st.caption("Both lists in one file (column status); years since signature in whole years on the reference date.")
ui.download_buttons(target_frame, "targets", as_of, FILES)

ui.sources_table(SOURCES)
