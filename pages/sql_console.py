"""SQL console: one read-only SELECT against the public views, in a sandbox, with downloads."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.formats.downloads import has_excel_illegal
from ccm_analytics.formats.text import format_count, markdown_literal
from ccm_analytics.sql_console import sandbox

PAGE_MAX_ROWS = 10_000

with ui.page("SQL console", sandbox.READS) as as_of:
    st.caption(f"One SELECT (or WITH ... SELECT) on the views and tables of the database, read-only. "
               f"A query is stopped after {sandbox.DEFAULT_TIMEOUT_S:g} seconds and shows at most "
               f"{format_count(PAGE_MAX_ROWS)} rows; files, settings and changes to the database are refused. "
               "Column descriptions: `SELECT * FROM duckdb_columns()` or the Explore page.")
    st.info("The views (`state_status`, `obligation_deadlines`, `article7_status`) give the situation **today**, "
            "whatever reference date the sidebar shows; for another date use the dated macros "
            "`state_status_at(DATE)`, `obligation_deadlines_at(DATE)`, `article7_status_at(DATE)`, e.g. "
            "`SELECT * FROM state_status_at(DATE '2015-01-01')`.", icon=":material/calendar_today:")

    with st.form("sql_form"):
        sql = st.text_area("Query", key="sql_query", height=140,
                           placeholder="SELECT status, count(*) AS states FROM state_status GROUP BY status")
        submitted = st.form_submit_button("Run", type="primary")

    if submitted:
        try:
            st.session_state["sql_result"] = sandbox.run_query(sql, timeout_s=sandbox.DEFAULT_TIMEOUT_S,
                                                                       max_rows=PAGE_MAX_ROWS)
            st.session_state["sql_error"] = None
        except sandbox.QueryError as problem:
            st.session_state["sql_result"], st.session_state["sql_error"] = None, str(problem)

    if st.session_state.get("sql_error"):
        st.error(st.session_state["sql_error"])
    result = st.session_state.get("sql_result")
    if result is not None:
        st.metric("Rows", format_count(len(result.rows)) + (" (first rows only)" if result.truncated else ""))
        if result.truncated:
            st.warning(f"The query returned more than {format_count(PAGE_MAX_ROWS)} rows; only the first are shown "
                       "and downloaded. Add a WHERE or LIMIT, or use `python -m ccm_analytics sql`.")
        for note in result.notes:
            st.info(markdown_literal(f"Note: {note}."))
        st.dataframe(sandbox.display_frame(result), hide_index=True, width="stretch")
        if has_excel_illegal(result.frame()):
            st.caption("Some values hold control characters, which an Excel file cannot hold: the Excel download "
                       "writes them as \\x01; the CSV keeps them.")
        ui.downloads(result.frame(), "query", as_of, sandbox.READS)  # files hold the raw values: ISO dates, exact numbers
