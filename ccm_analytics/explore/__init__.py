"""Ad hoc exploration of the public views."""
