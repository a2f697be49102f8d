"""gxgk_parse — Chinese government information-disclosure annual reports → statistics.

- :func:`parse_report` (text or bytes) and :func:`parse_file` (a path) give a :class:`Report`:
  every value as an :class:`Observation` under a stable indicator id, the report's
  :class:`Metadata`, and :class:`Finding` objects for what a reader should know.
- :func:`to_frame` turns reports into a long pandas DataFrame.
- :data:`SCHEMAS` / :func:`get_schema` hold the indicator ids of the three templates
  (``pre2019``, ``2019``, ``2021``); :mod:`gxgk_parse.samples` five real reports.
- :mod:`gxgk_parse.batch` and the ``gxgk-parse`` command line parse many files at once.

>>> import gxgk_parse
>>> report = gxgk_parse.parse_report(gxgk_parse.samples.read_text("000"))
>>> report.template, report.metadata.year
('pre2019', 2016)
>>> report["requests.received.by_mail"].value
11
"""

from . import samples
from ._version import __version__
from .api import parse_file, parse_report
from .decode import DecodeError
from .frame import to_frame
from .model import (
    Cell,
    Finding,
    MatchInfo,
    Metadata,
    Observation,
    ParseError,
    Report,
    Row,
    RuleDetail,
    Table,
    UnmappedCell,
)
from .schema import SCHEMAS, TEMPLATES, Indicator, Schema, get_schema

__all__ = [
    "SCHEMAS",
    "TEMPLATES",
    "Cell",
    "DecodeError",
    "Finding",
    "Indicator",
    "MatchInfo",
    "Metadata",
    "Observation",
    "ParseError",
    "Report",
    "Row",
    "RuleDetail",
    "Schema",
    "Table",
    "UnmappedCell",
    "__version__",
    "get_schema",
    "parse_file",
    "parse_report",
    "samples",
    "to_frame",
]
