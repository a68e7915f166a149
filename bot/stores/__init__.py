"""Conversation-store implementations (the seam itself is ``bot.store``)."""
