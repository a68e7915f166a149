"""Plain-text rendering of a ChatReply for messaging channels: numbered results and "reply 1 for details" hints."""

from __future__ import annotations

from bot.schemas import ChatReply, ResultCard

ELLIPSIS = "…"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def card_line(number: int, card: ResultCard, *, detailed: bool) -> str:
    """``1. Title – provider; status; cost`` (short, for SMS) or with format, length and link (Telegram)."""
    if not detailed:
        # "Not published – check with the provider" -> "cost not published": the reply says where to check.
        cost = _lower_first(card.cost.split(" – ")[0])
        cost = cost if cost == "free" else f"cost {cost}"
        return f"{number}. {card.title} – {card.provider}; {_lower_first(card.status)}; {cost}."
    return (
        f"{number}. {card.title} – {card.provider}\n"
        f"   {card.status}; cost: {_lower_first(card.cost)}; format: {_lower_first(card.delivery)}; "
        f"length: {_lower_first(card.duration)}.\n"
        f"   {card.url}"
    )


def results_block(cards: list[ResultCard], *, detailed: bool) -> str:
    return "\n".join(card_line(n, card, detailed=detailed) for n, card in enumerate(cards, 1))


def details_hint(count: int) -> str:
    if count <= 0:
        return ""
    return "Reply 1 for details." if count == 1 else f"Reply 1–{count} for details."


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters at a word boundary, marking the cut."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return text[:limit]
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + ELLIPSIS


def split_text(text: str, limit: int) -> list[str]:
    """Split into chunks of at most ``limit`` characters, preferring paragraph, then line, then word breaks."""
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[: limit + 1]  # a separator right after the limit still allows a full-length chunk
        cut = -1
        for separator in ("\n\n", "\n", " "):
            cut = window.rfind(separator)
            if cut > 0:
                break
        if cut <= 0:
            cut = limit
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not chunks:
        chunks.append(rest)
    return chunks


def sms_text(reply: ChatReply, *, max_results: int, max_chars: int) -> str:
    """One self-contained SMS: the advisor's words, at most ``max_results`` numbered results, and the choices."""
    cards = reply.results[:max_results]
    tail_parts = []
    if cards:
        tail_parts.append(results_block(cards, detailed=False))
    choices = [b.title for m in reply.messages for b in m.buttons]
    hint = details_hint(len(cards))
    if choices:
        unique = list(dict.fromkeys(choices))
        hint = (hint + " Or reply: " if hint else "Reply: ") + " / ".join(unique)
    if hint:
        tail_parts.append(hint)
    tail = "\n".join(tail_parts)
    words = "\n\n".join(m.text for m in reply.messages if m.text)
    budget = max_chars - len(tail) - (2 if tail and words else 0)
    if budget < 80:  # keep room for the advisor's own words; drop the choices first
        tail = results_block(cards, detailed=False) if cards else ""
        budget = max_chars - len(tail) - 2
    text = "\n\n".join(part for part in (shorten(words, max(budget, 0)), tail) if part)
    return shorten(text, max_chars)
