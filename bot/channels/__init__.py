"""Messaging channels (Telegram, Twilio SMS/WhatsApp): verified webhooks in front of the same advisor as /chat.

Each channel module verifies its platform's secret or signature before anything else, turns the platform's user
into a keyed-hash conversation id, and calls the advisor through ``bot.channels.base.handle_text``.
"""
