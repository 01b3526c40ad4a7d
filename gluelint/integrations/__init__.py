"""Integrations with CI systems (the GitHub Action driver)."""
