"""The one registry of readers: versioned names to reader classes.

Nothing is discovered by import side effects; add a reader here. Platform names from the project
config (``platform: smartsurvey``) resolve through :data:`PLATFORM_READERS`.
"""

from __future__ import annotations

from survey.readers.generic import GenericReader
from survey.readers.kobo import KoboReader
from survey.readers.msforms import GoogleFormsReader, MSFormsReader
from survey.readers.qualtrics import QualtricsReader
from survey.readers.smartsurvey import SmartSurveyReader
from survey.readers.surveymonkey import SurveyMonkeyReader
from survey.readers.transcripts import TranscriptReader

Reader = (SmartSurveyReader | SurveyMonkeyReader | GenericReader | MSFormsReader
          | GoogleFormsReader | QualtricsReader | KoboReader | TranscriptReader)

READERS: dict[str, type[Reader]] = {
    "generic.v1": GenericReader,
    "googleforms.v1": GoogleFormsReader,
    "kobo.v1": KoboReader,
    "msforms.v1": MSFormsReader,
    "qualtrics.v1": QualtricsReader,
    "smartsurvey.v1": SmartSurveyReader,
    "surveymonkey.v1": SurveyMonkeyReader,
    "transcript.v1": TranscriptReader,
}

PLATFORM_READERS: dict[str, str] = {
    "generic": "generic.v1",
    "googleforms": "googleforms.v1",
    "kobo": "kobo.v1",
    "msforms": "msforms.v1",
    "qualtrics": "qualtrics.v1",
    "smartsurvey": "smartsurvey.v1",
    "surveymonkey": "surveymonkey.v1",
    "transcript": "transcript.v1",
}


def get_reader(name: str) -> Reader:
    """A reader by registry key (``"smartsurvey.v1"``) or config platform name (``"smartsurvey"``).

    Raises:
        KeyError: Unknown name; the message lists the known names.
    """
    key = PLATFORM_READERS.get(name, name)
    if key not in READERS:
        raise KeyError(f"unknown reader {name!r}; known: "
                       f"{', '.join(sorted(READERS) + sorted(PLATFORM_READERS))}")
    return READERS[key]()
