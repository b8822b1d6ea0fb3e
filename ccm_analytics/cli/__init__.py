"""The command line: python -m ccm_analytics ..."""
