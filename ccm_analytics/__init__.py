"""CCM implementation analytics: data, treaty arithmetic, analyses and charts for the ISU."""
