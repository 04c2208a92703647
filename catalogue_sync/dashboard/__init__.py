"""Staff pages in Oscar's dashboard: registry sync runs, quarantined records, certificates."""
