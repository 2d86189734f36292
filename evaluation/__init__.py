"""Evaluation of newsevents against labelled gold files: not product code (the pipeline never imports it)."""
