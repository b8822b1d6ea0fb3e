"""Data: import a file (administrators only), check it first, commit it whole; undo; the import log."""
from datetime import date

import streamlit as st

from ccm_analytics import ui
from ccm_analytics.data_management import figures as data_management
from ccm_analytics.formats.text import format_count, markdown_literal
from ccm_analytics.store.imports import process
from ccm_analytics.store.imports.files import max_bytes
from ccm_analytics.store.imports.kinds import KINDS

MB = 1024 * 1024

with ui.page("Data management", data_management.READS) as as_of:
    st.write("The ISU keeps the data current by importing files: a State's Article 7 report, a meeting's "
             "decisions, its own accounts. Each file is checked first; an import is written whole or not at all, "
             "kept with its log, and can be undone.")

    configured = ui.admin_passphrase()
    admin = False
    if configured is None:
        st.info("This app is **read-only**: no administrator passphrase is configured. To import files, set "
                "`admin_passphrase` in `.streamlit/secrets.toml` or the environment variable `CCM_ADMIN_PASSPHRASE` "
                "and restart the app.")
    else:
        admin = ui.admin_signed_in(configured)

    if admin:
        st.subheader("Import a file")
        who = st.text_input("Your name (recorded in the import log)", key="admin_name") or "administrator"
        kind = st.selectbox("Kind of data", list(KINDS), format_func=lambda k: KINDS[k].title, key="kind")
        st.download_button("Download the template (CSV)", process.template_csv_bytes(kind),
                           file_name=f"{kind}_template.csv", mime="text/csv", key="template")
        with st.expander("What each column holds"):
            st.markdown(process.template_notes(kind))
        replace = st.checkbox("Replace existing rows with the same key", key="replace",
                              help="Without this, a row whose key is already in the database with other values "
                                   "is refused.")
        uploaded = st.file_uploader(f"File: CSV (UTF-8, comma or semicolon) or Excel .xlsx, at most "
                                    f"{max_bytes() / MB:.0f} MB", type=["csv", "txt", "xlsx"], key="upload",
                                    max_upload_size=max_bytes() // MB + 1)
        if uploaded is not None:
            content = uploaded.getvalue()
            earlier = process.already_imported(kind, content)
            if earlier is not None:
                st.info(f"This file was already imported as {markdown_literal(earlier.describe())}; nothing to do.")
            else:
                report = process.check(kind, uploaded.name, content, today=date.today(), replace=replace)
                c1, c2, c3, c4, c5 = st.columns(5)
                c1.metric("Rows in the file", format_count(report.file_rows))
                c2.metric("New rows", format_count(report.added))
                c3.metric("Changed rows", format_count(report.changed))
                c4.metric("Unchanged rows", format_count(report.unchanged),
                          help="Rows already in the database with the same values: skipped.")
                c5.metric("Problems", format_count(len(report.problems)))
                if report.problems:
                    st.error(f"{markdown_literal(uploaded.name)} cannot be imported: {len(report.problems)} problem(s). Nothing was "
                             "written. Correct the file and upload it again.")
                    st.dataframe(process.problems_frame(report.problems), hide_index=True, width="stretch",
                                 column_config={"problem": st.column_config.TextColumn(width="large")})
                elif report.rows.empty:
                    st.info("Every row of this file is already in the database; nothing to import.")
                else:
                    st.success("The file passed every check. Preview of the rows to write:")
                    st.dataframe(report.rows.head(500), hide_index=True, width="stretch")
                    if not report.changes.empty:
                        st.write("Values that change:")
                        st.dataframe(report.changes, hide_index=True, width="stretch")
                    if st.button("Commit the import", type="primary", key="commit"):
                        try:
                            outcome = process.import_file(kind, uploaded.name, content, who=who, today=date.today(),
                                                          replace=replace, wait=False)
                        except RuntimeError as refused:  # busy, or the database cannot be rebuilt: nothing written
                            st.warning(str(refused))
                        else:
                            (st.success if outcome.ok else st.error)(markdown_literal(outcome.message))

        st.subheader("Undo the last import")
        last = process.last_import()
        if last is None:
            st.write("There is no import to undo.")
        else:
            st.write(f"The last import is {markdown_literal(last.describe())}.")
            sure = st.checkbox("Yes, withdraw it and rebuild the database", key="undo_sure")
            if st.button("Undo the last import", disabled=not sure, key="undo"):
                try:
                    st.success(markdown_literal(process.undo(who=who, wait=False)))
                except RuntimeError as refused:  # busy, or the database cannot be rebuilt: nothing undone
                    st.warning(str(refused))

    st.subheader("Import log")
    log = process.history_for_screen()
    if log.empty:
        st.write("No file has been imported yet.")
    else:
        st.dataframe(log, hide_index=True, width="stretch")
    st.caption("Imports, the log and backups live beside the database file; see the README, section Data management.")
