"""The credential advisor's chat service. Importing this package is cheap: no torch, no FAISS, no model."""

__version__ = "0.1.0"
