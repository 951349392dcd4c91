"""The reporting stage: the run's report, its file outputs, fingerprints, the shown source lines and the pre-flight checklist."""
