"""Explore: pick a view or table, filter, group and chart; the address bar keeps the whole choice."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.explore import charts as explore_charts
from ccm_analytics.explore import explorer
from ccm_analytics.formats.text import count_text, markdown_literal

url_state, url_notes = explorer.decode(st.query_params.to_dict())
ui.init_from_url(explorer.widget_defaults(url_state))


def _new_source() -> None:
    """Another view or table: its columns differ, so filters and grouping start afresh."""
    fresh = explorer.ExploreState(source=st.session_state[explorer.K_SOURCE], group_by=(), chart="table")
    for key in [k for k in st.session_state if str(k).startswith((explorer.K_VALUES, explorer.K_LOW, explorer.K_HIGH))]:
        del st.session_state[key]
    for key, value in explorer.widget_defaults(fresh).items():
        st.session_state[key] = value


# The view or table chosen (in the session, else from the link) names what the page reads.
with ui.page("Explore the data", (st.session_state[explorer.K_SOURCE],)) as as_of:
    st.caption("Pick a view or table, filter it, group it and choose a chart. The page's address holds every "
               "choice: copy it to share exactly this view.")
    for note in url_notes:
        st.warning(f"From the link: {markdown_literal(note)}.")  # the note quotes the URL: shown as typed

    main, side = st.columns([3, 1], gap="large")
    with main:
        source = st.selectbox("View or table", explorer.sources(), key=explorer.K_SOURCE, on_change=_new_source,
                              help="Public views first, then the tables they are built from.")
        column_names = list(explorer.columns(source))

        chosen_filters = st.multiselect("Filter on columns", column_names, key=explorer.K_FILTERS)
        filter_choices: dict[str, object] = {}
        for column in chosen_filters:
            column_kind = explorer.column_kind(source, column)
            if column_kind == "date":
                low_col, high_col = st.columns(2)
                filter_choices[column] = (
                    low_col.date_input(f"{column} from", value=None, key=explorer.K_LOW + column, format="DD/MM/YYYY"),
                    high_col.date_input(f"{column} to", value=None, key=explorer.K_HIGH + column, format="DD/MM/YYYY"))
            elif column_kind == "number":
                low_col, high_col = st.columns(2)
                filter_choices[column] = (
                    low_col.number_input(f"{column} at least", value=None, key=explorer.K_LOW + column),
                    high_col.number_input(f"{column} at most", value=None, key=explorer.K_HIGH + column))
            else:
                options = ui.figures(explorer.distinct_values, source, column, as_of)
                key = explorer.K_VALUES + column
                if key in st.session_state:  # a value from a link that the data no longer hold
                    st.session_state[key] = [v for v in st.session_state[key] if v in options]
                filter_choices[column] = st.multiselect(f"{column} is one of", options, key=key,
                                                        help=f"{explorer.MISSING} stands for a missing value.")

        group_col, agg_col, measure_col = st.columns(3)
        group_by = group_col.multiselect("Group by (one or two columns)", column_names, max_selections=2,
                                         key=explorer.K_GROUP)
        agg = agg_col.selectbox("Show", list(explorer.AGGREGATES), format_func=explorer.AGGREGATES.get,
                                key=explorer.K_AGG, disabled=not group_by)
        numbers = explorer.numeric_columns(source)
        measure = None
        if agg != "count" and numbers:
            if st.session_state.get(explorer.K_MEASURE) not in numbers:
                st.session_state[explorer.K_MEASURE] = numbers[0]
            measure = measure_col.selectbox("Of the column", numbers, key=explorer.K_MEASURE)
        elif agg != "count":
            measure_col.caption("This view or table has no numeric column: counting rows.")

        charts = explorer.available_charts(explorer.state_from_choices(source, {}, group_by, agg, measure, "table"))
        if st.session_state.get(explorer.K_CHART) not in charts:
            st.session_state[explorer.K_CHART] = charts[0]
        chart = st.radio("Chart", charts, format_func=explorer.CHARTS.get, horizontal=True, key=explorer.K_CHART,
                         help="A world map is offered when grouping by iso3 alone.")
        state = explorer.state_from_choices(source, filter_choices, group_by, agg, measure, chart)
        ui.set_url_state(explorer.encode(state), explorer.url_keys(st.query_params.to_dict()))

        result = ui.figures(explorer.run, state, as_of)
        st.subheader(explorer.describe(state))
        st.caption(count_text(len(result), "row", "rows") + ("" if state.group_by else " (no grouping: the filtered rows)"))
        if result.empty:
            st.info("No rows match these filters.")
        else:
            figure = explore_charts.explore_chart(result, state)
            if figure is not None:
                st.plotly_chart(figure, config=ui.PLOTLY_CONFIG)
            st.dataframe(explorer.display_frame(result, state), hide_index=True, width="stretch")
        ui.downloads(result, f"explore_{state.source}", as_of, (state.source,))

    with side:
        st.subheader("Data dictionary")
        st.markdown(explorer.dictionary_markdown(source))
