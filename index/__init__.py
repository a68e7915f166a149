"""Retrieval: the embedder seam, the FAISS index (build, load, atomic swap) and filtered search.

Heavy libraries (torch, sentence-transformers, faiss) are imported lazily inside the functions that need them.
"""
