"""Search backends: ``database`` (the embedded default) and ``elastic`` (ELASTICSEARCH_URL)."""
