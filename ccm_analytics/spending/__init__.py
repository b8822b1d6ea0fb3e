"""The ISU budget, actual expenditure and contributions."""
