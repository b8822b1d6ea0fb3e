"""The database: schema, macros and views, build, read-only connection, typed queries, provenance, imports."""
