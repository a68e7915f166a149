"""A SYNTHETIC CTDL dump of any size, for the catalogue-scale benchmark (never the knowledge base).

Every record says it is synthetic (its description ends "[SYNTHETIC record n]", its addresses are on
``example.invalid``). The text varies the way a registry's does: 60 occupations and topics, each with its own skills
and tools, 12 levels and formats, 30 description templates, 40 places in Canada and the United States, costs free,
priced (CAD or USD) or unpublished, four delivery types and the schedule terms, durations, statuses (a few withdrawn).
Written as JSON Lines of registry envelopes (``decoded_resource`` graphs: the record and its cost and duration
profiles as blank nodes) after one line per organisation, so ``advisor kb import ctdl`` reads it like a dump."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REGISTRY = "https://credentialengineregistry.org/resources/"
TOPICS: dict[str, tuple[str, ...]] = {
    "welding": ("MIG welding", "TIG welding", "blueprint reading", "weld inspection", "metal fabrication"),
    "CNC machining": ("G-code", "CNC lathe set-up", "precision measurement", "CAD/CAM", "tool offsets"),
    "electrical": ("residential wiring", "the electrical code", "motor controls", "troubleshooting circuits"),
    "plumbing": ("pipe fitting", "drainage systems", "water heaters", "backflow prevention"),
    "carpentry": ("framing", "finish carpentry", "reading construction drawings", "stair layout"),
    "HVAC": ("refrigeration cycles", "gas fitting", "heat pumps", "ductwork"),
    "automotive service": ("brake systems", "engine diagnostics", "hybrid vehicles", "wheel alignment"),
    "forklift operation": ("load handling", "pre-use inspection", "reach trucks", "warehouse safety"),
    "supply chain": ("inventory control", "procurement", "logistics planning", "demand forecasting"),
    "lean manufacturing": ("5S", "value-stream mapping", "kaizen", "standard work"),
    "quality assurance": ("ISO 9001", "statistical process control", "root-cause analysis", "audits"),
    "robotics": ("robot programming", "PLC ladder logic", "automation safety", "sensors"),
    "personal support work": ("dementia care", "palliative care", "mobility assistance", "personal hygiene"),
    "nursing": ("medication administration", "wound care", "patient assessment", "infection control"),
    "pharmacy technician": ("dispensing", "compounding", "pharmacology", "inventory of medicines"),
    "medical office": ("medical terminology", "billing codes", "scheduling", "health records"),
    "mental health": ("crisis intervention", "motivational interviewing", "trauma-informed care"),
    "early childhood education": ("child development", "play-based learning", "inclusive classrooms"),
    "community services": ("case management", "harm reduction", "housing supports", "advocacy"),
    "cybersecurity": ("network defence", "phishing awareness", "incident response", "threat modelling"),
    "cloud computing": ("AWS", "Azure", "containers", "infrastructure as code"),
    "software development": ("Python", "JavaScript", "testing", "version control with Git"),
    "data analytics": ("SQL", "Excel", "Power BI", "data cleaning", "statistics"),
    "IT support": ("help desk", "Windows administration", "networking basics", "hardware repair"),
    "web design": ("HTML and CSS", "accessibility", "user experience", "WordPress"),
    "digital marketing": ("SEO", "social media", "content strategy", "analytics"),
    "bookkeeping": ("double-entry bookkeeping", "QuickBooks", "payroll", "reconciliation"),
    "accounting": ("financial statements", "tax preparation", "cost accounting", "auditing"),
    "project management": ("scheduling", "risk management", "Agile", "stakeholder communication"),
    "human resources": ("recruitment", "employment law", "onboarding", "compensation"),
    "leadership": ("coaching", "conflict resolution", "delegation", "leading change"),
    "entrepreneurship": ("business planning", "small business financing", "pricing", "marketing a start-up"),
    "customer service": ("handling complaints", "service recovery", "call-centre skills", "retail sales"),
    "hospitality": ("food safety", "front desk operations", "event planning", "responsible serving"),
    "culinary arts": ("knife skills", "baking", "menu planning", "kitchen safety"),
    "construction safety": ("working at heights", "fall protection", "WHMIS", "confined spaces"),
    "first aid": ("CPR", "AED", "emergency first aid", "standard first aid"),
    "occupational health and safety": ("hazard assessment", "joint health and safety committees", "ergonomics"),
    "cannabis industry": ("cannabis retail", "cultivation", "compliance", "product knowledge"),
    "graphic design": ("Adobe Illustrator", "typography", "branding", "layout"),
    "video production": ("editing", "lighting", "camera operation", "storytelling"),
    "renewable energy": ("solar installation", "wind turbines", "energy audits", "battery storage"),
    "agriculture": ("crop science", "farm equipment", "soil health", "greenhouse production"),
    "transportation": ("commercial driving", "air brakes", "hours of service", "defensive driving"),
    "real estate": ("property law", "appraisal", "mortgage basics", "sales ethics"),
    "insurance": ("property insurance", "claims handling", "licensing exam preparation"),
    "banking": ("financial services", "anti-money laundering", "client advice", "lending"),
    "paralegal": ("legal research", "small claims", "tribunal advocacy", "legal writing"),
    "teaching adults": ("curriculum design", "online facilitation", "assessment", "universal design for learning"),
    "French language": ("workplace French", "conversation", "grammar", "business correspondence"),
    "English language": ("workplace English", "pronunciation", "writing emails", "interview practice"),
    "digital literacy": ("email", "online job applications", "video calls", "staying safe online"),
    "career development": ("resume writing", "interview skills", "job search", "networking for jobs"),
    "animal care": ("veterinary assisting", "animal handling", "grooming", "kennel operations"),
    "environmental technology": ("water treatment", "environmental monitoring", "waste management"),
    "aviation": ("aircraft maintenance", "ground handling", "aviation safety", "flight dispatch"),
    "mining": ("underground safety", "heavy equipment", "mineral processing", "ground control"),
    "forestry": ("chainsaw safety", "silviculture", "forest fire suppression", "timber cruising"),
    "esthetics": ("skin care", "nail technology", "makeup artistry", "salon management"),
    "fitness": ("personal training", "exercise physiology", "group fitness", "nutrition basics"),
}
LEVELS = ("Introduction to", "Foundations of", "Essentials of", "Advanced", "Applied", "Practical",
          "Certificate in", "Micro-credential in", "Professional Certificate in", "Bootcamp:", "Workshop:",
          "Refresher in")  # fmt: skip
TEMPLATES = (
    "Learn {s1} and {s2} through hands-on projects, then put {s3} into practice.",
    "A short course on {topic} for people changing careers: {s1}, {s2} and {s3}.",
    "Build job-ready skills in {s1} and {s2}; ends with a practical assessment of {s3}.",
    "Designed with employers in {city}, this program covers {s1}, {s2} and workplace {topic}.",
    "For workers who were laid off or want a new role in {topic}: {s1}, {s2}, {s3}.",
    "Covers {s1}, {s2} and {s3}, with a capstone set in a real {topic} workplace.",
    "Get started in {topic} with {s1} and {s2}. No experience needed.",
    "Upgrade your {topic} skills: {s1}, {s3} and the latest standards in {s2}.",
    "Prepares you for industry certification in {topic}, with labs on {s1} and {s2}.",
    "Evening and weekend sessions on {s1} and {s2} for working adults in {topic}.",
    "Self-paced online modules on {s1}, {s2} and {s3}, with instructor feedback.",
    "A stackable micro-credential in {topic}: {s1} and {s2}; counts toward a certificate.",
    "Work-integrated learning in {topic}: {s1} on site, {s2} in class.",
    "Short, intensive training in {s1} for supervisors and team leads in {topic}.",
    "Learn the basics of {s1} and {s2} and how they apply to {topic} jobs in {city}.",
    "A bilingual course on {s1} and {s2} for {topic} professionals.",
    "Blended delivery: online theory on {s2}, in-person practice of {s1}.",
    "Meets provincial requirements for {s1}; includes {s2} and a final exam.",
    "Developed with a sector council, this course teaches {s1}, {s2} and {s3}.",
    "Hands-on {topic} training in our shop: {s1}, {s2}.",
    "Explore {topic} as a career while learning {s1} and {s3}.",
    "Gain confidence with {s1}, {s2} and {s3} in a supportive, small-group setting.",
    "Three modules: {s1}; {s2}; {s3}. Each ends with a badge.",
    "Industry-recognised training in {s1} for the {topic} sector.",
    "Refresh and certify your {s1} skills; includes {s2}.",
    "An applied introduction to {topic}, from {s1} to {s2}.",
    "Learn {s2} the way employers in {city} use it, plus {s1}.",
    "Job-search support and {topic} skills: {s1}, {s2}, interview practice.",
    "For newcomers to Canada: {topic} terms and practice in {s1} and {s2}.",
    "A pathway into {topic}: {s1}, {s2}, {s3}, and a work placement.",
)
PLACES = (("Oshawa", "ON"), ("Whitby", "ON"), ("Ajax", "ON"), ("Pickering", "ON"), ("Toronto", "ON"),
          ("Peterborough", "ON"), ("Hamilton", "ON"), ("Ottawa", "ON"), ("London", "ON"), ("Kingston", "ON"),
          ("Sudbury", "ON"), ("Windsor", "ON"), ("Montreal", "QC"), ("Quebec City", "QC"), ("Vancouver", "BC"),
          ("Calgary", "AB"), ("Edmonton", "AB"), ("Winnipeg", "MB"), ("Halifax", "NS"), ("Regina", "SK"),
          ("Austin", "TX"), ("Houston", "TX"), ("Columbus", "OH"), ("Cleveland", "OH"), ("Denver", "CO"),
          ("Phoenix", "AZ"), ("Atlanta", "GA"), ("Chicago", "IL"), ("Indianapolis", "IN"), ("Seattle", "WA"),
          ("Portland", "OR"), ("Boston", "MA"), ("Newark", "NJ"), ("Albany", "NY"), ("Raleigh", "NC"),
          ("Nashville", "TN"), ("Detroit", "MI"), ("Minneapolis", "MN"), ("Omaha", "NE"),
          ("Richmond", "VA"))  # fmt: skip
ORG_KINDS = ("Community College", "Polytechnic", "Technical Institute", "Career College", "University Continuing "
             "Education", "Training Centre", "Workforce Board", "Adult Learning Centre")  # fmt: skip
TYPES = ("ceterms:Course", "ceterms:Course", "ceterms:Course", "ceterms:Certificate", "ceterms:LearningProgram",
         "ceterms:LearningOpportunityProfile", "ceterms:MicroCredential", "ceterms:CertificateOfCompletion",
         "ceterms:DigitalBadge")  # fmt: skip
DELIVERY = ("OnlineOnly", "InPerson", "BlendedDelivery", "VariableSite")
SCHEDULE = ("Evening", "Weekends", "Daytime", "Weekdays")


def _ctid(rng: random.Random) -> str:
    return f"ce-{uuid.UUID(int=rng.getrandbits(128), version=4)}"


def _term(node: str) -> dict[str, Any]:
    return {"@type": "ceterms:CredentialAlignmentObject", "ceterms:targetNode": node}


def organisations(count: int, rng: random.Random) -> list[dict[str, Any]]:
    orgs = []
    for n in range(count):
        city, region = PLACES[(n * 7) % len(PLACES)]  # 7 and 40 coprime: every place, mixed countries
        name = f"{city} {ORG_KINDS[(n // len(PLACES)) % len(ORG_KINDS)]} {n // (len(PLACES) * len(ORG_KINDS)) + 1}"
        ctid = _ctid(rng)
        orgs.append({
            "@context": "https://credreg.net/ctdl/schema/context/json",
            "@id": REGISTRY + ctid, "@type": "ceterms:CredentialOrganization", "ceterms:ctid": ctid,
            "ceterms:name": {"en-US": f"{name} (synthetic)"},
            "ceterms:description": {"en-US": f"A SYNTHETIC organisation in {city}, {region}, for benchmarks."},
            "ceterms:subjectWebpage": f"https://org-{n}.example.invalid/",
            "ceterms:address": [{"@type": "ceterms:Place", "ceterms:addressLocality": {"en-US": city},
                                 "ceterms:addressRegion": {"en-US": region}}],
        })  # fmt: skip
    return orgs


def record(n: int, org: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The ``n``-th synthetic record as a registry envelope whose graph holds its cost and duration profiles."""
    topic = rng.choice(list(TOPICS))
    skills = rng.sample(TOPICS[topic], k=min(3, len(TOPICS[topic])))
    s1, s2, s3 = (skills * 2)[:3]
    city = org["ceterms:address"][0]["ceterms:addressLocality"]["en-US"]
    kind = rng.choice(TYPES)
    ctid = _ctid(rng)
    level = rng.choice(LEVELS)
    title = f"{level} {topic if rng.random() < 0.6 else s1}".replace("  ", " ")
    description = rng.choice(TEMPLATES).format(topic=topic, s1=s1, s2=s2, s3=s3, city=city)
    main: dict[str, Any] = {
        "@id": REGISTRY + ctid, "@type": kind, "ceterms:ctid": ctid,
        "ceterms:name": {"en-US": title[:1].upper() + title[1:]},
        "ceterms:description": {"en-US": f"{description} [SYNTHETIC record {n}]"},
        "ceterms:subjectWebpage": f"https://org.example.invalid/{ctid}",
        "ceterms:offeredBy": [org["@id"]],
        "ceterms:keyword": {"en-US": [topic, *skills]},
    }  # fmt: skip
    credential = kind not in ("ceterms:Course", "ceterms:LearningProgram", "ceterms:LearningOpportunityProfile")
    status = "Active" if rng.random() < 0.93 else rng.choice(("Deprecated", "Ceased", "Developing", "Suspended"))
    if credential:
        main["ceterms:credentialStatusType"] = _term(f"credentialStat:{status if status != 'Ceased' else 'Active'}")
        main["ceterms:learningDeliveryType"] = [_term(f"deliveryType:{rng.choice(DELIVERY)}")]
    else:
        if rng.random() < 0.6:
            main["ceterms:lifeCycleStatusType"] = _term(f"lifeCycle:{status}")
        main["ceterms:deliveryType"] = [_term(f"deliveryType:{d}") for d in rng.sample(DELIVERY, k=rng.randint(1, 2))]
    if rng.random() < 0.4:
        main["ceterms:scheduleTimingType"] = [_term(f"scheduleTiming:{rng.choice(SCHEDULE)}")]
    graph = [main]
    roll = rng.random()
    if roll < 0.8:
        cost: dict[str, Any] = {"@id": f"_:cost-{n}", "@type": "ceterms:CostProfile",
                                "ceterms:directCostType": _term("costType:AggregateCost")}  # fmt: skip
        if roll < 0.2:
            cost |= {"ceterms:price": 0, "ceterms:currency": "CAD"}
        elif roll < 0.65:
            cost |= {"ceterms:price": rng.choice((95, 150, 249, 450, 600, 875, 1200, 1850, 2400, 3995)),
                     "ceterms:currency": "CAD" if org["ceterms:address"][0]["ceterms:addressRegion"]["en-US"]
                     in {"ON", "QC", "BC", "AB", "MB", "NS", "SK"} else "USD"}  # fmt: skip
        else:
            cost["ceterms:description"] = {"en-US": "Fees vary by funding; see the program page."}
        main["ceterms:estimatedCost"] = [cost["@id"]]
        graph.append(cost)
    if rng.random() < 0.7:
        weeks, hours = rng.choice((2, 4, 6, 8, 10, 12, 16, 26)), rng.choice((6, 12, 18, 24, 30, 42, 60, 90, 120))
        main["ceterms:estimatedDuration"] = [f"_:duration-{n}"]
        graph.append({"@id": f"_:duration-{n}", "@type": "ceterms:DurationProfile",
                      "ceterms:exactDuration": f"P{weeks}W", "ceterms:timeRequired": f"PT{hours}H"})  # fmt: skip
    return {
        "envelope_community": "ce_registry", "envelope_ceterms_ctid": ctid, "envelope_ctdl_type": kind,
        "envelope_type": "resource_data", "updated_at": f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T00:00:00Z",
        "decoded_resource": {"@context": "https://credreg.net/ctdl/schema/context/json",
                             "@id": f"https://credentialengineregistry.org/graph/{ctid}", "@graph": graph},
    }  # fmt: skip


def synthetic_dump(count: int, *, seed: int = 13) -> Iterator[dict[str, Any]]:
    """The organisations (one per 50 records), then ``count`` record envelopes; deterministic for a seed."""
    rng = random.Random(seed)
    orgs = organisations(max(1, count // 50), rng)
    yield from orgs
    for n in range(count):
        yield record(n, orgs[rng.randrange(len(orgs))], rng)


def write_dump(path: Path, count: int, *, seed: int = 13) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for item in synthetic_dump(count, seed=seed):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path
