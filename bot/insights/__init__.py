"""Insights for institutions: privacy-safe analytics events, feedback and the report built from them."""
