"""The write side: corpus files become learning items in the index."""
