"""Universalization: who has joined the Convention, who has not, and where to push next."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.formats.text import format_count, format_date
from ccm_analytics.universalization import figures as universalization

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


with ui.page("Universalization", universalization.READS) as as_of:
    st.caption("For the Coordination Committee and the Working Group on Universalization: who has joined the "
               "Convention, who has not, and where to push next.")

    figures = ui.figures(universalization.figures, as_of)  # cached: a rerun recomputes nothing
    by_category = figures.by_category
    ui.metric_grid([
        ("States Parties", format_count(figures.states_parties)),
        ("of which not yet in force", format_count(by_category["State Party (not yet in force)"]),
         "Instrument deposited; the Convention enters into force for the State on the first day of the "
         "sixth month after the month of deposit (Article 17)."),
        ("Signatories", format_count(by_category["Signatory"]), "Signed, no instrument deposited."),
        ("Not signatory", format_count(by_category["Not signatory"])),
        ("Withdrawn", format_count(by_category["Withdrawn"])),
    ])

    # --- Map ---------------------------------------------------------------------------------------
    st.subheader(f"Status on {format_date(as_of)}")
    points = len(figures.off_map)
    st.plotly_chart(figures.status_map, config=ui.PLOTLY_CONFIG, key="status_map", alt=figures.map_alt)
    st.caption(f"{points} States are too small for the map's country shapes; they are marked with a point in "
               "the colour of their status and listed below.")
    with st.expander(f"States the map shows as points ({points})"):
        st.dataframe(figures.off_map, hide_index=True, column_config=columns(), key="off_map_table")
    with st.expander("Status of every State (the map as a table)"):
        st.dataframe(figures.every_state, hide_index=True, column_config=columns(), key="all_states_table")
        ui.downloads(figures.state_status, "state_status", as_of, universalization.READS)

    # --- Over time ------------------------------------------------------------------------------------
    st.subheader("States Parties over time")
    st.plotly_chart(figures.parties_over_time, config=ui.PLOTLY_CONFIG, key="parties_over_time",
                    alt="States Parties on each day, stacked by UN region, with entry into force and withdrawals marked.")
    st.plotly_chart(figures.new_parties, config=ui.PLOTLY_CONFIG, key="new_parties",
                    alt="Instruments deposited per year by UN region, and withdrawals.")
    with st.expander("New States Parties per year (table)"):
        st.dataframe(figures.by_year, hide_index=True, key="by_year_table", column_config={
            "year": st.column_config.NumberColumn("Year", format="%d"), "un_region": "UN region",
            "new_parties": "Instruments deposited", "withdrawals": "Withdrawals that took effect"})
        ui.downloads(figures.by_year, "new_parties_by_year", as_of, universalization.READS)

    # --- Regions --------------------------------------------------------------------------------------
    st.subheader("By UN region")
    share = {"share_party_percent": st.column_config.NumberColumn("Share party", format="%.1f %%",
                                                                  help="States Parties / States in the region")}
    regions_tab, subregions_tab = st.tabs(["UN regions", "UN sub-regions"])
    with regions_tab:
        st.dataframe(figures.regions, hide_index=True, column_config=columns(**share), key="regions_table")
        ui.downloads(figures.regions, "regions", as_of, universalization.READS)
    with subregions_tab:
        st.dataframe(figures.subregions, hide_index=True, column_config=columns(**share), key="subregions_table")
        ui.downloads(figures.subregions, "subregions", as_of, universalization.READS)
    st.caption("Not party (all): every State that is not a State Party on the date, signatories and withdrawn "
               "States included.")

    # --- Targets --------------------------------------------------------------------------------------
    st.subheader("Targets")
    chosen_regions = st.multiselect("UN regions", figures.region_names, key="target_regions",
                                    placeholder="All regions")
    targets = ui.figures(universalization.targets, as_of, tuple(chosen_regions))
    st.markdown(f"**Signatories that have not ratified ({len(targets.signatories)})**")
    st.dataframe(targets.signatories, hide_index=True, key="signatories_table",
                 height=ui.fitted_height(len(targets.signatories)),
                 column_config=columns(signature_date=st.column_config.DateColumn("Signature", format="D MMMM YYYY")))
    st.markdown(f"**States not party that have not signed, or have withdrawn ({len(targets.others)})**")
    st.dataframe(targets.others, hide_index=True, column_config=columns(), key="non_signatories_table",
                 height=ui.fitted_height(len(targets.others)))
    st.caption("Both lists in one file (column status); years since signature in whole years on the reference date.")
    ui.downloads(targets.file, "targets", as_of, universalization.READS)
