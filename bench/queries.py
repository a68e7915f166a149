"""Realistic user messages for the benchmark, generated deterministically.

People write to the advisor about training, jobs they lost or want, the areas and providers of Durham Region,
cost, schedule and how to enrol, in their own words. ``latency_queries`` gives hand-written openers plus
generated phrasings (all distinct); ``load_queries`` gives a large distinct pool so that the throughput runs
measure the model, not the query cache.
"""

from __future__ import annotations

import itertools
import random

HANDWRITTEN = [
    "free courses in health sciences",
    "I got laid off from the GM plant in Oshawa, what can I study?",
    "what is a micro-credential?",
    "are there any free online courses?",
    "cybersecurity training near Whitby",
    "how much does the trades program cost",
    "can I stack micro-credentials into a diploma?",
    "do I get a digital badge I can put on LinkedIn?",
    "I worked in a warehouse for 15 years and want to get into IT",
    "what does Ontario Tech offer?",
    "anything at Trent Durham for teachers?",
    "I want to become a personal support worker",
    "evening classes in business",
    "is there funding for laid off workers in Ontario",
    "how do I enrol at Durham College",
    "who can take these courses, do I need a degree?",
    "short courses in manufacturing",
    "something about entrepreneurship, I want to start my own business",
    "teaching math and coding for elementary teachers",
    "infection control training",
    "what are the TD sponsored micro-credentials",
    "cannabis industry jobs training",
    "media arts and design courses online",
    "medical technology micro-credentials",
    "community services training for social work",
    "critical thinking course",
    "story telling micro-credential",
    "how long do the courses take?",
    "weekend courses only please",
    "I'm 55 and need to retrain, where do I start",
]

_OPENERS = [
    "", "hi, ", "hello, ", "um ", "quick question: ", "hey there, ", "good morning, ", "sorry to bother you, ",
    "can you help? ", "please help, ",
]  # fmt: skip
_TEMPLATES = [
    "{open}free courses in {topic}",
    "{open}are there any {topic} courses {where}?",
    "{open}I lost my job in {job}, can I retrain in {topic}?",
    "{open}looking for {mode} training in {topic}",
    "{open}how much does {topic} training cost {where}",
    "{open}what micro-credentials do you have for {topic}",
    "{open}I used to work in {job} and want something in {topic}",
    "{open}short {topic} courses I can do {mode}",
    "{open}is there funding for {topic} courses if I was laid off from {job}",
    "{open}which {topic} credentials can I stack",
    "{open}{topic} jobs training {where}",
    "{open}do you have anything on {topic} that is {mode}",
    "{open}I want to get into {topic}, where do I start",
    "{open}{mode} {topic} micro-credentials {where}",
    "{open}best way to learn {topic} after working in {job}",
    "{open}can I take {topic} courses without a degree",
]  # fmt: skip
_TOPICS = [
    "health sciences", "health care", "nursing support", "patient care", "infection control", "PPE",
    "cybersecurity", "IT", "information technology", "computer networking", "coding", "teaching math and coding",
    "business", "accounting", "project management", "entrepreneurship", "starting a business", "marketing",
    "trades", "construction", "welding", "electrical", "skilled trades", "manufacturing", "automation", "robotics",
    "cannabis", "community services", "social services", "child and youth care", "media arts", "graphic design",
    "video production", "medical technology", "lab technology", "critical thinking", "story-telling",
    "cultural biases", "relationships at work", "leadership", "teaching", "adult education", "digital skills",
    "data analysis", "customer service", "logistics", "supply chain", "office administration",
]  # fmt: skip
_JOBS = [
    "auto manufacturing", "a warehouse", "retail", "the GM plant", "a call centre", "construction", "trucking",
    "a restaurant", "the hospital", "a factory", "the nuclear plant", "banking", "an office", "landscaping",
]  # fmt: skip
_WHERE = [
    "", "in Oshawa", "in Durham Region", "near Whitby", "in Ajax", "in Pickering", "at Durham College",
    "at Ontario Tech", "at Trent Durham", "close to Clarington",
]  # fmt: skip
_MODES = ["online", "part-time", "evening", "weekend", "in person", "flexible", "self-paced", "free"]


def _generated(seed: int) -> list[str]:
    """Every combination, shuffled deterministically; duplicates (empty slots) removed keeping the first."""
    rng = random.Random(seed)
    combos = list(itertools.product(_TEMPLATES, _TOPICS, range(len(_OPENERS)), range(len(_WHERE))))
    rng.shuffle(combos)
    seen: set[str] = set()
    out: list[str] = []
    for template, topic, opener, where in combos:
        text = template.format(
            open=_OPENERS[opener], topic=topic, job=rng.choice(_JOBS), where=_WHERE[where], mode=rng.choice(_MODES)
        )
        text = " ".join(text.split())
        key = text.lower()
        if key not in seen:
            seen.add(key)
            out.append(text)
    return out


def latency_queries(count: int = 320) -> list[str]:
    """``count`` distinct queries: the hand-written ones, then generated phrasings."""
    generated = [q for q in _generated(seed=8) if q.lower() not in {h.lower() for h in HANDWRITTEN}]
    return (HANDWRITTEN + generated)[:count]


def warmup_queries(count: int = 30) -> list[str]:
    """Queries that appear in no measured set, to warm a fresh server."""
    return [f"warm up question number {i} about courses" for i in range(count)]


def load_queries(count: int, *, exclude: list[str]) -> list[str]:
    """A pool of distinct queries for the throughput runs, none of them in ``exclude``."""
    taken = {q.lower() for q in exclude}
    pool = [q for q in _generated(seed=20) if q.lower() not in taken]
    if len(pool) < count:
        raise ValueError(f"only {len(pool)} distinct generated queries; ask for fewer or add templates")
    return pool[:count]
