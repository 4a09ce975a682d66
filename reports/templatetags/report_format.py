"""Numbers as Vietnamese documents print them: 1.234.500 đồng, 66,7%."""

from django import template

from reports.drafts import LEVEL_WORDS, money, number

register = template.Library()


@register.filter
def vnd(value) -> str:
    return money(int(value or 0))


@register.filter
def vnnum(value) -> str:
    return number(float(value or 0))


@register.filter
def level_words(level: str) -> str:
    return LEVEL_WORDS.get(level, level)


@register.filter
def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
