"""Reflect: learning from child safeguarding practice reviews."""
