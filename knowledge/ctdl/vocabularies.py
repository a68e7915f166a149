"""The CTDL terms the importer understands, and how values are read (language maps, concept terms, currencies).

Terms from the published CTDL schema (credreg.net/ctdl/schema/encoding/json): deliveryType, scheduleTiming,
credentialStat, lifeCycle, learnMethod, costType. Anything else is reported as outside the vocabulary."""

from __future__ import annotations

from typing import Any

# @type families: which resources become records, and which become providers.
CREDENTIAL_TYPES = frozenset({
    "MicroCredential", "Certificate", "CertificateOfCompletion", "CertificateOfParticipation", "ProficiencyCertificate",
    "ApprenticeshipCertificate", "JourneymanCertificate", "MasterCertificate", "BasicTechnicalCertificate",
    "TechnicalLevel1Certificate", "TechnicalLevel2Certificate", "TechnicalLevel3Certificate",
    "PreApprenticeshipCertificate", "AcademicCertificate", "Badge", "DigitalBadge", "OpenBadge", "Certification",
    "License", "Diploma", "GeneralEducationDevelopment", "SecondarySchoolDiploma", "AssociateDegree",
    "AssociateOfArtsDegree", "AssociateOfScienceDegree", "AssociateOfAppliedScienceDegree", "BachelorDegree",
    "BachelorOfArtsDegree", "BachelorOfScienceDegree", "MasterDegree", "DoctoralDegree", "ProfessionalDoctorate",
    "ResearchDoctorate", "Degree", "Credential", "QualityAssuranceCredential",
})  # fmt: skip
LEARNING_TYPES = frozenset({"Course", "LearningProgram", "LearningOpportunityProfile"})
ORGANIZATION_TYPES = frozenset({"CredentialOrganization", "QACredentialOrganization", "Organization"})
BADGE_TYPES = frozenset({"Badge", "DigitalBadge", "OpenBadge"})

DELIVERY = {"OnlineOnly": "online", "InPerson": "in_person", "BlendedDelivery": "blended"}
DELIVERY_KNOWN = frozenset({*DELIVERY, "VariableSite"})  # VariableSite: no single mode to state
SCHEDULE = {"Evening": "evenings", "Weekends": "weekends"}
SCHEDULE_KNOWN = frozenset({*SCHEDULE, "Daytime", "Weekdays"})  # no schedule value of ours for these
LEARN_METHOD = {"SelfPaced": "self_paced"}
STATUS = {"Active": "available", "Probationary": "available", "Ceasing": "available", "Developing": "under_development"}
WITHDRAWN = frozenset({"Ceased", "Deprecated", "Suspended", "TeachOut"})
STATUS_KNOWN = frozenset({*STATUS, *WITHDRAWN})
COST_TYPES = frozenset({
    "AggregateCost", "Tuition", "EnrollmentFee", "MixedFees", "LearningResource", "TechnologyFee",
    "ProgramSpecificFee", "Application", "Equipment", "Travel", "Childcare", "AssessmentFee", "GraduationFee",
    "Meals", "Room", "StudentLifeFee", "RoomOrResidence", "ScheduledOfferingFee", "ReinstatementFee",
    "BackgroundCheck", "StandaloneAssessment", "ProgramOrSchool", "Transportation", "Insurance", "LicenseFee",
    "Books", "Uniforms",
})  # fmt: skip
# Names real records put where an ISO 4217 code belongs.
CURRENCY_NAMES = {
    "us dollar": "USD", "us dollars": "USD", "usd$": "USD", "canadian dollar": "CAD", "canadian dollars": "CAD",
    "cad$": "CAD", "euro": "EUR", "euros": "EUR", "pound sterling": "GBP",
}  # fmt: skip
ISO_CURRENCIES = frozenset({"CAD", "USD", "EUR", "GBP", "AUD", "NZD", "MXN", "CHF", "JPY", "INR", "CNY"})

ENGLISH = ("en-CA", "en-US", "en", "en-GB")
FRENCH = ("fr-CA", "fr")


def local_name(value: str) -> str:
    """``"ceterms:MicroCredential"`` / ``"deliveryType:OnlineOnly"`` / ``".../terms/OnlineOnly"`` -> the bare term."""
    for separator in ("#", "/", ":"):
        value = value.rsplit(separator, 1)[-1]
    return value


def as_list(value: Any) -> list[Any]:
    """CTDL cardinality is loose: a property is one value or a list. Always a list, without None."""
    if value is None:
        return []
    return [v for v in value if v is not None] if isinstance(value, list) else [value]


def text(value: Any, languages: tuple[str, ...] = ENGLISH) -> str | None:
    """A language map (``{"en-US": "x"}``), a plain string (older records) or a list of either -> one string,
    English preferred, else the first language given."""
    if isinstance(value, list):
        return next((t for t in (text(v, languages) for v in value) if t), None)
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        if "@value" in value:
            return text(value["@value"], languages)
        for language in languages:
            if language in value:
                return text(value[language], languages)
        return next((t for t in (text(v, languages) for v in value.values()) if t), None)
    return None


def texts(value: Any) -> list[str]:
    """Every string of a language map with list values (``keyword``), of a list, or of a plain string (English
    preferred; other languages only when there is no English)."""
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        for language in ENGLISH:
            if language in value:
                return texts(value[language])
        return [t for v in value.values() for t in texts(v)]
    return []


def french(value: Any) -> str | None:
    """The French text of a language map, kept for later use."""
    if isinstance(value, dict) and any(language in value for language in FRENCH):
        return text(value, FRENCH)
    return None


def concept_terms(value: Any) -> list[str]:
    """Terms of a concept property: ``"deliveryType:OnlineOnly"`` strings, CredentialAlignmentObjects with
    ``targetNode``, or (when there is no node) their ``targetNodeName``."""
    terms = []
    for item in as_list(value):
        if isinstance(item, str):
            terms.append(local_name(item))
        elif isinstance(item, dict):
            node = item.get("ceterms:targetNode")
            if isinstance(node, str):
                terms.append(local_name(node))
            elif (name := text(item.get("ceterms:targetNodeName"))) is not None:
                terms.append(name)
    return terms


def currency_code(value: Any) -> str | None:
    """An ISO 4217 code from what the record gives ("CAD", "US Dollar"); None when it cannot be read as one."""
    if not isinstance(value, str) or not value.strip():
        return None
    cleaned = value.strip()
    if cleaned.upper() in ISO_CURRENCIES:
        return cleaned.upper()
    return CURRENCY_NAMES.get(cleaned.lower())
