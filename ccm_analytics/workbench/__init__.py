"""The Analysis Group's extension request workbench."""
