"""Statistics stated in sentences: ``共收到政府信息公开申请26件，其中网上申请13件…``.

Reports restate (and sometimes contradict) their tables in prose, and prose-only reports have
no table at all. This module reads those sentences with a list of patterns kept as data:
each rule ties a *label* (the words printed right before a number) to an indicator id.

Precision comes first — a wrong number is worse than a missing one — so a rule only fires
when

* the label is immediately followed by the number (only filler such as ``的``, ``数``, ``为``,
  ``共有`` may sit between them) and the number by its unit;
* the number is exact: ``20余个``, ``约800条``, ``6万张左右``, ``3万余份`` never match, and a
  percentage, a date, a phone number or a document number has no unit a rule accepts;
* the clause does not speak of another period (``累计``, ``上年``, ``截至12月20日``);
* the context the rule asks for is there: request channels and outcomes need an
  information-request paragraph (or a heading such as ``三、依申请公开情况`` above it),
  review and litigation totals need ``信息公开`` in their sentence (or a heading naming
  复议/诉讼), and ``被依法纠错`` is read as 行政复议 or 行政诉讼 by the topic last named in its
  sentence.

Rules are tried most specific first; a number claimed by one rule is not read again. Zeros
stated in words (``未收到…行政复议申请``, ``均未收费``) are separate phrase rules whose span is
the phrase itself.

The vocabulary decides the template era, never the year: ``收到申请`` reads as the pre-2019
``requests.received``, ``新收`` as the 2019/2021 cell ``requests.new.total``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypedDict

import attrs
import regex

from .model import CellKind, Finding, MatchInfo, Observation, Value
from .normalize import NormalizedText

__all__ = ["NumberRule", "PhraseRule", "extract_prose"]

_MONEY = frozenset({"万元", "元"})

# Filler allowed between a label and its number: `申请答复数共有5件`, `行政复议数量为1件`.
# Possessive and bounded; no filler contains a digit, so nothing is given back.
_FILL = r"(?:数量|总数|共计|合计|总计|达到|共有|一共|的|数|为|是|共|计|达|有|:|[ \t]){0,6}+"
# The number: plain digits, or thousands groups (checked against the original text later).
_NUM = r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?)"
# Word exports wrap a number onto its own line (`新增主动公开政府信息` / `2110` / `条`).
_WRAP = r"[ \t]*(?:\n[ \t]*)?"
# An exact number is not followed by `左右`, `以上`, `多`, `余`; `件次` is not a count of cases.
_AFTER = r"(?!左右|以上|以下|之多|多|余|次)"

_CLAUSE_SEPS = ",;。:!?\n"
_SENTENCE_SEPS = ";。!?\n"
_SENTENCE_END = regex.compile(r"[。;]")
_HEADING_MARK = regex.compile(
    r"[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、]"
)

# Words in the clause before a label that make the number describe another period or scope.
_FORBID_ALWAYS = regex.compile(
    r"累计|历年|去年|上年(?!度?结转)|上一年|同比|截[至止](?:目前|今|当前)|以来累计"
)
# A year-to-date figure: `（截至12月20日）`, `1-11月`, `上半年`.
_PARTIAL_YEAR = regex.compile(
    r"截[至止](?:\d{4}年)?(?!12月(?:31日|底|末))\d{1,2}月"
    r"|上半年|前三季度|(?<!\d)1[-—~至到](?:1[01]|[1-9])月(?!\d)"
)

# Context words that place a sentence among information requests.
_REQ_CONTEXT = regex.compile(
    r"依申请|信息公开申请|公开申请|申请公开|申请总[数量]|申请数|申请答复|申请办结|收到申请"
)
# Vocabulary that only the 2019/2021 template uses (予以公开 is too common in older prose).
_Y2019_CONTEXT = regex.compile(r"新收|上年结转|结转下年|不予处理|无法提供|办理结果")
# How far back (and a quarter as far ahead) the era vocabulary is looked for: a section.
_ERA_WINDOW = 1200
_DISCLOSURE = regex.compile(r"信息公开")
_REFUSAL_CONTEXT = regex.compile(r"不同意公开|不予公开")
_TOPIC = regex.compile(r"行政复议|行政诉讼")
_TOPIC_NAME = {"行政复议": "review", "行政诉讼": "litigation"}


@attrs.frozen
class NumberRule:
    """A label followed by a number: one indicator, one pattern.

    Attributes:
        indicator: the indicator id the number is a value of.
        name: the rule's name, reported as ``MatchInfo.label``.
        pattern: compiled pattern with groups ``label``, ``n`` (the number) and ``unit``.
        confidence: how sure a match is, 0..1 (``MatchInfo.score``).
        topic: ``review`` or ``litigation`` when the label is shared by both sections; the
            topic last named in the sentence before the label must be this one.
        context: must occur before the number in its paragraph (or, with ``in_sentence``,
            its sentence), at most ``window`` characters back ...
        heading: ... or in one of the short heading lines just above the paragraph.
        era: ``pre2019`` or ``2019``: the template vocabulary the rule belongs to, judged
            from the 2019-only words (新收, 上年结转, 不予处理…) in the text before the label.
        forbid: must not occur in the clause before the label.
        window: how far back ``context`` looks.
        in_sentence: look for ``context`` in the sentence only (subjects that change from
            one sentence to the next, such as review counts in a 法治政府 paragraph).
    """

    indicator: str
    name: str
    pattern: regex.Pattern[str]
    confidence: float
    topic: str | None = None
    context: regex.Pattern[str] | None = None
    heading: regex.Pattern[str] | None = None
    era: str | None = None
    forbid: regex.Pattern[str] | None = None
    window: int = 400
    in_sentence: bool = False


@attrs.frozen
class PhraseRule:
    """A zero stated in words: ``未发生…行政诉讼``, ``全部免费``.

    Attributes:
        name: the rule's name, reported as ``MatchInfo.label``.
        pattern: compiled pattern; the whole match is the phrase (raw and span).
        targets: ``(keyword, indicator, unit)``: each keyword found in the phrase yields a
            zero of that indicator (an empty keyword always does).
        confidence: how sure a match is, 0..1.
        context: must occur in the phrase's sentence ...
        heading: ... or in one of the short heading lines just above its paragraph.
        spoilers: words right after the phrase (same clause) that make it something else than
            a plain zero (``未发生行政诉讼败诉``).
    """

    name: str
    pattern: regex.Pattern[str]
    targets: tuple[tuple[str, str, str], ...]
    confidence: float
    context: regex.Pattern[str] | None = None
    heading: regex.Pattern[str] | None = None
    spoilers: regex.Pattern[str] | None = None


def _rule(
    indicator: str,
    name: str,
    label: str,
    units: str,
    confidence: float,
    *,
    topic: str | None = None,
    context: regex.Pattern[str] | None = None,
    heading: regex.Pattern[str] | None = None,
    era: str | None = None,
    forbid: str | None = None,
    window: int = 400,
    in_sentence: bool = False,
) -> NumberRule:
    pattern = regex.compile(
        rf"(?P<label>{label}){_FILL}{_WRAP}{_NUM}{_WRAP}(?P<unit>{units}){_AFTER}"
    )
    return NumberRule(
        indicator=indicator,
        name=name,
        pattern=pattern,
        confidence=confidence,
        topic=topic,
        context=context,
        heading=heading,
        era=era,
        forbid=regex.compile(forbid) if forbid else None,
        window=window,
        in_sentence=in_sentence,
    )


# Units by subject. Requests and cases may be counted in 件, 宗, 起; people never count.
_U_REQ = "件|宗|起|份|条"
_U_CASE = "件|宗|起|例"
_U_INFO = "条|件"
_U_TIMES = "场次|次|场|期"
_U_PEOPLE = "人次|人|名"
_U_MONEY = "万元|元"


class _Context(TypedDict, total=False):
    context: regex.Pattern[str]
    heading: regex.Pattern[str]
    era: str
    window: int
    in_sentence: bool


# Contexts: request paragraphs, their headings, disclosure-related review and litigation.
_REQ: _Context = {"context": _REQ_CONTEXT, "heading": regex.compile(r"申请")}
_REQ_2019: _Context = {**_REQ, "era": "2019"}
_REQ_PRE2019: _Context = {**_REQ, "era": "pre2019"}
_REFUSED: _Context = {"context": _REFUSAL_CONTEXT}
_CASES: _Context = {
    "context": _DISCLOSURE,
    "heading": regex.compile(r"复议|诉讼"),
    "in_sentence": True,
}
_NEAR_DISCLOSURE: _Context = {"context": _DISCLOSURE, "in_sentence": True}
# Totals of review and litigation are not pending cases or lost cases.
_CASE_FORBID = r"尚未|未审结|审结|败诉|胜诉|纠错|纠正|维持|撤销"

# Labels shared by several rules.
_RECEIVED_OBJ = (
    r"(?:各类|涉及)?(?:政府信息公开|信息公开|依申请公开|公开政府信息)(?:的)?(?:政府信息)?申请"
)
_CLOSED = r"申请办结(?:数)?|办结(?:政府信息公开|信息公开)?申请(?:数)?"

#: Number rules, most specific first: a number claimed by an earlier rule is not read again.
# The table is laid out by hand, one rule per entry.
# fmt: off
NUMBER_RULES: tuple[NumberRule, ...] = (
    # -- 主动公开 (pre-2019 table rows and their prose forms) --------------------------------
    _rule("proactive.normative_docs", "主动公开规范性文件",
          r"主动公开(?:的)?(?:行政)?规范性文件(?:数)?", "条|件|份", 0.9),
    _rule("proactive.channels.gazette", "政府公报公开信息",
          r"(?:政府)?公报(?:主动)?(?:公开|发布|刊登)(?:政府|政务)?信息(?:数)?", _U_INFO, 0.9),
    _rule("proactive.channels.weibo", "微博公开信息",
          r"微博(?:平台)?(?:共)?(?:主动)?(?:公开|发布)(?:政府|政务)?信息(?:、新闻)?(?:数)?",
          _U_INFO, 0.85),
    _rule("proactive.channels.wechat", "微信公开信息",
          r"微信(?:公众号|平台)?(?:共)?(?:主动)?(?:公开|发布)(?:政府|政务)?信息(?:、新闻)?(?:数)?",
          _U_INFO, 0.85),
    _rule("proactive.channels.website", "政府网站公开信息",
          r"(?:政府(?:门户)?|门户)网站(?:主动)?(?:公开|发布)(?:政府|政务)?信息(?:数)?",
          _U_INFO, 0.9),
    _rule("proactive.channels.other", "其他方式公开信息",
          r"其他(?:方式|渠道|途径)(?:主动)?公开(?:政府|政务)?信息(?:数)?", _U_INFO, 0.9),
    # The total: `主动公开政府信息N条`, `共公开各类信息N条`. A channel or a part in the clause
    # (`在…网`, `通过…`, `其中`) makes the number something else.
    _rule("proactive.total", "主动公开政府信息",
          r"(?:主动公开|共公开|共主动公开)(?:各类)?(?:政府)?信息(?:数)?", _U_INFO, 0.85,
          forbid=r"其中|在|通过|网站|微博|微信|公报|平台"),
    # -- 依申请公开, 2019/2021 vocabulary --------------------------------------------------
    _rule("requests.new.total", "新收申请",
          r"新收(?:到)?(?:的)?(?:各类)?(?:政府信息公开|信息公开|公开政府信息)?申请", _U_REQ, 0.9),
    _rule("requests.carried_over.total", "上年结转申请",
          r"上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开|信息公开)?申请", _U_REQ, 0.9),
    _rule("requests.carried_forward.total", "结转下年度",
          r"结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?", _U_REQ, 0.9),
    _rule("requests.processed.total", "办结申请 (2019)",
          rf"{_CLOSED}|办理结果(?:总计|合计)", _U_REQ, 0.8, **_REQ_2019),
    _rule("requests.result.granted.total", "予以公开", r"予以公开", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.partial.total", "部分公开 (2019)",
          r"(?<!同意)部分公开", _U_REQ, 0.8, **_REQ_2019),
    _rule("requests.result.refused.state_secret.total", "属于国家秘密",
          r"属于国家秘密", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.law_prohibited.total", "其他法律行政法规禁止公开",
          r"其他法律行政法规禁止公开", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.security_stability.total", "危及三安全一稳定",
          r"危及[\"“]?三安全一稳定[\"”]?", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.third_party.total", "保护第三方合法权益",
          r"保护第三方合法权益", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.internal_affairs.total", "属于三类内部事务信息",
          r"属于三类内部事务信息", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.process_info.total", "属于四类过程性信息",
          r"属于四类过程性信息", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.enforcement_file.total", "属于行政执法案卷",
          r"属于行政执法案卷", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.refused.admin_query.total", "属于行政查询事项",
          r"属于行政查询事项", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.unable.not_held.total", "本机关不掌握相关政府信息",
          r"本机关不掌握(?:相关)?政府信息", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.unable.needs_creation.total", "没有现成信息需要另行制作",
          r"没有现成信息需要另行制作", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.unable.unclear.total", "补正后申请内容仍不明确",
          r"补正后申请内容仍不明确", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.not_processed.petition.total", "信访举报投诉类申请",
          r"信访举报投诉类申请", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.not_processed.excessive.total", "无正当理由大量反复申请",
          r"无正当理由大量反复申请", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.not_processed.repeat.total", "重复申请",
          r"(?<!反复)重复申请", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.not_processed.publication.total", "要求提供公开出版物",
          r"要求提供公开出版物", _U_REQ, 0.85, **_REQ_2019),
    _rule("requests.result.not_processed.confirmation.total", "要求确认或重新出具已获取信息",
          r"要求行政机关确认或重新出具已获取信息", _U_REQ, 0.85, **_REQ_2019),
    # -- 依申请公开, pre-2019 vocabulary ---------------------------------------------------
    _rule("requests.received", "收到申请",
          rf"(?<!新)收到{_RECEIVED_OBJ}|(?<!新)收到申请(?:数)?", _U_REQ, 0.9),
    _rule("requests.received", "受理申请", rf"受理{_RECEIVED_OBJ}", _U_REQ, 0.85),
    _rule("requests.received.in_person", "当面申请",
          r"当面(?:提交|提出)?申请(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.received.by_fax", "传真申请",
          r"传真(?:提交|提出)?申请(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.received.online", "网络申请",
          r"(?:网上|网络|在线)(?:提交|提出)?申请(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.received.by_mail", "信函申请",
          r"(?:信函|来信)(?:提交|提出)?申请(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.closed", "申请办结", _CLOSED, _U_REQ, 0.85, **_REQ_PRE2019),
    _rule("requests.closed.on_time", "按时办结",
          r"按(?:时|期)办结(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.closed.extended", "延期办结", r"延期办结(?:数)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered", "申请答复",
          r"申请答复(?:数)?|答复(?:政府信息公开|信息公开)?申请(?:数)?", _U_REQ, 0.85, **_REQ),
    _rule("requests.answered.already_public", "属于已主动公开范围",
          r"(?<!不)属于已(?:经)?(?:主动)?(?:在)?公开(?:范围)?(?:内)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.partially_granted", "同意部分公开",
          r"同意部分公开(?:答复)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.refused", "不同意公开",
          r"不同意公开(?:答复)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.granted", "同意公开",
          r"(?<!不)同意公开(?:答复)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.not_this_agency", "不属于本行政机关公开",
          r"不属于本(?:行政)?机关(?:公开)?(?:范围)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.not_exist", "申请信息不存在",
          r"(?:申请)?(?:公开的)?信息不存在", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.asked_to_amend", "告知作出更改补充",
          r"告知(?:作出|做出)?(?:更改补充|补充更改|更改、补充|补充、更改)", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.other_channel", "告知通过其他途径办理",
          r"告知(?:通过)?(?:转)?其他途径(?:办理)?", _U_REQ, 0.9, **_REQ),
    _rule("requests.answered.refused.state_secret", "涉及国家秘密",
          r"涉及国家秘密", _U_REQ, 0.85, **_REFUSED),
    _rule("requests.answered.refused.commercial_secret", "涉及商业秘密",
          r"涉及商业秘密", _U_REQ, 0.85, **_REFUSED),
    _rule("requests.answered.refused.privacy", "涉及个人隐私",
          r"涉及个人隐私", _U_REQ, 0.85, **_REFUSED),
    _rule("requests.answered.refused.endangers_security", "危及国家安全…社会稳定",
          r"危及国家安全、公共安全、经济安全(?:和|与|、)社会稳定", _U_REQ, 0.85, **_REFUSED),
    _rule("requests.answered.refused.not_government_info", "不是条例所指政府信息",
          r"不是《?条例》?所指(?:应公开的)?政府信息", _U_REQ, 0.85, **_REFUSED),
    _rule("requests.answered.refused.other_legal", "法律法规规定的其他情形",
          r"法律(?:、)?法规规定的其他情形", _U_REQ, 0.85, **_REFUSED),
    # -- 行政复议 / 行政诉讼 -----------------------------------------------------------------
    _rule("litigation.direct.total", "未经复议直接起诉",
          r"未经(?:行政)?复议(?:直接)?(?:起诉|提起(?:行政)?诉讼)", _U_CASE, 0.85, **_CASES),
    _rule("litigation.after_review.total", "复议后起诉",
          r"(?:经)?复议后(?:起诉|提起(?:行政)?诉讼)", _U_CASE, 0.85, **_CASES),
    _rule("review.total", "行政复议",
          r"行政复议(?:申请|案件)?(?:数量|数)?", _U_CASE, 0.85, forbid=_CASE_FORBID, **_CASES),
    _rule("litigation.total", "行政诉讼",
          r"行政诉讼(?:案件)?(?:数量|数)?", _U_CASE, 0.85, forbid=_CASE_FORBID, **_CASES),
    _rule("litigation.upheld", "维持具体行政行为或驳回原告诉讼请求",
          r"维持(?:原)?具体行政行为(?:或者?驳回原告(?:的)?诉讼请求)?|驳回原告(?:的)?诉讼请求",
          _U_CASE, 0.8, topic="litigation"),
    _rule("review.upheld", "维持具体行政行为",
          r"维持(?:原)?具体行政行为|结果维持|维持原(?:行政行为|决定)", _U_CASE, 0.8, topic="review"),
    _rule("litigation.corrected", "被依法纠错 (诉讼)",
          r"(?:被)?依法纠错|被纠错", _U_CASE, 0.8, topic="litigation"),
    _rule("review.corrected", "被依法纠错 (复议)",
          r"(?:被)?依法纠错|被纠错|结果纠正", _U_CASE, 0.8, topic="review"),
    _rule("litigation.other", "其他情形 (诉讼)",
          r"(?<!规定的)其他情形", _U_CASE, 0.8, topic="litigation"),
    _rule("review.other", "其他情形 (复议)",
          r"(?<!规定的)其他(?:情形|结果)", _U_CASE, 0.8, topic="review"),
    _rule("review.pending", "尚未审结", r"尚未审结", _U_CASE, 0.8, topic="review"),
    _rule("complaints.total", "举报投诉",
          r"(?<!信访)(?:举报投诉|投诉举报|举报|投诉)(?:案件|事项)?(?:数量|数)?", _U_CASE, 0.8,
          context=_DISCLOSURE, window=40, in_sentence=True),
    # -- 收费 ---------------------------------------------------------------------------------
    _rule("fees.total", "收取费用",
          r"收取(?:的)?(?:费用|信息处理费)(?:总额|合计|金额)?|信息处理费", _U_MONEY, 0.8,
          context=regex.compile(r"信息公开|申请"), in_sentence=True),
    # -- 机构建设, 会议和培训 (pre-2019 table rows) ------------------------------------------------
    _rule("capacity.dedicated_units", "政府信息公开专门机构",
          r"政府信息公开(?:工作)?专门机构(?:数)?", "个|家", 0.85),
    _rule("capacity.reading_points", "政府信息公开查阅点",
          r"(?:设置|设立)?政府信息公开查阅(?:点|场所)(?:数)?", "个|处", 0.85,
          forbid=r"级|部门"),
    _rule("capacity.staff", "从事政府信息公开工作人员",
          r"从事政府信息公开(?:工作)?(?:的)?(?:工作)?人员(?:数)?", "人|名", 0.85),
    _rule("capacity.staff.full_time", "专职人员",
          r"专职(?:工作)?人员(?:数)?", "人|名", 0.8, **_NEAR_DISCLOSURE),
    _rule("capacity.staff.part_time", "兼职人员",
          r"兼职(?:工作)?人员(?:数)?", "人|名", 0.8, **_NEAR_DISCLOSURE),
    _rule("capacity.budget", "政府信息公开专项经费",
          r"(?:政府)?信息公开(?:工作)?专项经费", _U_MONEY, 0.85),
    _rule("training.meetings", "召开政府信息公开工作会议",
          r"召开(?:政府)?信息公开(?:工作)?(?:会议|专题会议|工作会议)(?:数)?", _U_TIMES, 0.85),
    _rule("training.courses", "举办培训班",
          r"举办(?:各类)?(?:政府)?(?:信息公开)?(?:业务)?培训班(?:数)?", "次|期|个", 0.8,
          **_NEAR_DISCLOSURE),
    _rule("training.trainees", "接受培训人员",
          r"接受培训(?:人员|人数)(?:数)?|培训(?:各类)?人员(?:数)?", _U_PEOPLE, 0.8,
          **_NEAR_DISCLOSURE),
    # -- 回应解读 (pre-2019 table rows) ---------------------------------------------------------
    _rule("response.press_conferences.by_principal", "主要负责同志参加新闻发布会",
          r"主要负责同志参加(?:主要)?新闻发布会(?:次数)?", "场次|次|场", 0.85),
    _rule("response.online_interviews.by_principal", "主要负责同志参加在线访谈",
          r"主要负责同志参加政府网站在线访谈(?:次数|数)?", "次|场|期", 0.85),
    _rule("response.hotspots", "回应公众关注热点",
          r"回应(?:公众关注)?热点(?:或重大舆情)?(?:数)?", "次|个|条", 0.8),
    _rule("response.press_conferences", "参加或举办新闻发布会",
          r"(?:参加或)?举办(?:各类)?新闻发布会(?:总次数|次数)?", "场次|次|场", 0.8),
    _rule("response.online_interviews", "政府网站在线访谈",
          r"政府网站在线访谈(?:次数)?", "次|场|期", 0.8),
    _rule("response.interpretations", "政策解读稿件",
          r"政策解读稿件(?:发布数)?|发布政策解读稿件", "篇|条|件", 0.8),
    _rule("response.weibo_wechat", "微博微信回应事件",
          r"微博微信回应事件(?:数)?", "次|件|个", 0.85),
    _rule("response.other", "其他方式回应事件",
          r"其他方式回应事件(?:数)?", "次|件|个", 0.85),
)
# fmt: on

# `共收到5件依申请公开`: the number before the noun.
_RECEIVED_REVERSED = NumberRule(
    indicator="requests.received",
    name="收到N件申请",
    pattern=regex.compile(
        rf"(?P<label>(?<!新)收到){_WRAP}{_NUM}{_WRAP}(?P<unit>件|份|宗)"
        r"(?=(?:的)?(?:各类)?(?:依申请公开|政府信息公开|信息公开|公开政府信息))"
    ),
    confidence=0.8,
)

_ALL_NUMBER_RULES: tuple[NumberRule, ...] = (*NUMBER_RULES, _RECEIVED_REVERSED)

_REVIEW_LITIGATION = (("行政复议", "review.total", "件"), ("行政诉讼", "litigation.total", "件"))

#: Zeros stated in words. Only phrases whose meaning is unambiguous; `无依申请公开案例` and
#: `无受理…投诉` are deliberately left out (they do not say which count is zero).
PHRASE_RULES: tuple[PhraseRule, ...] = (
    PhraseRule(
        name="未收到/未发生…行政复议/行政诉讼",
        pattern=regex.compile(
            r"(?:(?:未|没有)(?:收到|发生|接到|出现|产生|受理|办理|被提起|提起|被申请|涉及)"
            r"|(?<!有)无(?!论|法|正当|须|需|关|偿))"
            r"[^,;。:!?\n\d]{0,16}?(?:行政复议|行政诉讼)"
            r"(?:(?:申请|案件)?(?:[、和及与或]|以及)(?:被?提起|申请|发生)?(?:行政复议|行政诉讼))?"
        ),
        targets=_REVIEW_LITIGATION,
        confidence=0.8,
        context=_DISCLOSURE,
        heading=regex.compile(r"复议|诉讼"),
        spoilers=regex.compile(r"败诉|胜诉|纠错|纠正|撤销|违法|\d"),
    ),
    PhraseRule(
        name="未收费/全部免费",
        pattern=regex.compile(
            r"没有(?:向(?:申请人|公民、法人(?:和|或)其他组织))?收(?:取)?(?:任何)?费(?:用)?"
            r"|均未收(?:取)?(?:任何)?费(?:用)?"
            r"|全部免费"
            r"|未(?:向申请人)?收取(?:任何)?(?:费用|信息处理费)"
        ),
        targets=(("", "fees.total", "万元"),),
        confidence=0.8,
        context=regex.compile(r"申请"),
        spoilers=regex.compile(r"\d"),
    ),
)


# -- helpers -------------------------------------------------------------------------------


# Separator sets → a backward and a forward search for any of them: one call in C instead
# of one ``rfind``/``find`` per separator (five times faster; every rule match asks a few
# times where its clause and sentence begin and end).
_SEP_SEARCH: dict[str, tuple[regex.Pattern[str], re.Pattern[str]]] = {}


def _sep_search(seps: str) -> tuple[regex.Pattern[str], re.Pattern[str]]:
    found = _SEP_SEARCH.get(seps)
    if found is None:
        klass = "[" + "".join(re.escape(c) for c in seps) + "]"
        found = (regex.compile("(?r)" + klass), re.compile(klass))
        _SEP_SEARCH[seps] = found
    return found


def _back_to(text: str, pos: int, seps: str, limit: int) -> int:
    """Start of the clause or sentence holding *pos*: just after the last separator."""
    lo = max(0, pos - limit)
    m = _sep_search(seps)[0].search(text, lo, pos)  # reverse: the separator nearest *pos*
    return m.start() + 1 if m is not None else lo


def _forward_to(text: str, pos: int, seps: str, limit: int) -> int:
    """End of the clause or sentence holding *pos*: the next separator."""
    hi = min(len(text), pos + limit)
    m = _sep_search(seps)[1].search(text, pos, hi)
    return m.start() if m is not None else hi


class _Excluded:
    """Normalised spans (statistics tables) that prose extraction must not read from."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted((int(s), int(e)) for s, e in spans if e > s):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self._starts = [s for s, _ in merged]
        self._spans = merged

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        return i > 0 and self._spans[i - 1][1] > start


def _topic_at(text: str, pos: int) -> str | None:
    """The section topic (``review``/``litigation``) last named in the sentence before *pos*."""
    start = _back_to(text, pos, _SENTENCE_SEPS, 200)
    topic = None
    for m in _TOPIC.finditer(text, start, pos):
        topic = _TOPIC_NAME[m.group()]
    return topic


def _heading_says(text: str, pos: int, pattern: regex.Pattern[str]) -> bool:
    """Whether one of the (at most three) headings just above *pos*'s line matches.

    Headings such as ``六、政府信息公开申请行政复议、提起行政诉讼的情况`` give the following
    paragraph its subject when the sentence itself does not repeat it. A heading is a short
    line led by an enumeration marker (``六、``, ``（二）``, ``3.``) that is not a sentence.
    """
    end = text.rfind("\n", 0, pos)
    seen = 0
    while end > 0 and seen < 3 and pos - end < 600:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line:
            seen += 1
            if (
                len(line) <= 60
                and _HEADING_MARK.match(line)
                and not _SENTENCE_END.search(line)
                and pattern.search(line)
            ):
                return True
        end = start - 1
    return False


def _era_ok(rule: NumberRule, text: str, pos: int) -> bool:
    if rule.era is None:
        return True
    window_end = min(len(text), pos + _ERA_WINDOW // 4)
    is_2019 = _Y2019_CONTEXT.search(text, max(0, pos - _ERA_WINDOW), window_end) is not None
    return is_2019 == (rule.era == "2019")


def _passes(rule: NumberRule, text: str, m: regex.Match[str]) -> bool:
    """Whether the context of a match lets the rule fire."""
    label_start, label_end = m.span("label")
    clause_start = _back_to(text, label_start, _CLAUSE_SEPS, 60)
    clause = text[clause_start:label_start]
    if text.endswith("其中", 0, max(0, clause_start - 1)):
        # `其中，…` puts the whole clause under the previous one.
        clause = "其中" + clause
    if _FORBID_ALWAYS.search(clause) or (rule.forbid and rule.forbid.search(clause)):
        return False
    sentence = text[_back_to(text, label_start, _SENTENCE_SEPS, 200) : label_start]
    tail = text[m.end() : _forward_to(text, m.end(), _CLAUSE_SEPS, 20)]
    if _PARTIAL_YEAR.search(sentence) or _PARTIAL_YEAR.search(tail):
        return False
    if rule.context is not None:
        seps = _SENTENCE_SEPS if rule.in_sentence else "\n"
        before = text[_back_to(text, label_start, seps, rule.window) : label_end]
        found = rule.context.search(before) is not None
        if not found and rule.heading is not None:
            found = _heading_says(text, label_start, rule.heading)
        if not found:
            return False
    if not _era_ok(rule, text, m.end()):
        return False
    return rule.topic is None or _topic_at(text, label_start) == rule.topic


# Digits (with separators) of the longest number read as a value: beyond any statistic
# (the same bound as a table cell's, :func:`gxgk_parse.numbers.read_cell`).
_MAX_DIGITS = 40


def _read_number(nt: NormalizedText, m: regex.Match[str]) -> Value:
    """The value of the number group, or ``None`` when it is not an exact value of its unit."""
    digits = m.group("n")
    unit = m.group("unit")
    if len(digits) > _MAX_DIGITS:
        # No count or sum of money in a report has that many digits; ``int`` refuses more
        # than 4300 of them (ValueError) and is quadratic in their number below that.
        return None
    if "," in digits:
        # A full-width comma in the original separates clauses, not thousands.
        o_start, o_end = nt.span_to_original(*m.span("n"))
        if "，" in nt.original[o_start:o_end]:
            return None
        digits = digits.replace(",", "")
    if unit in _MONEY:
        return Decimal(digits)
    if "." in digits:
        return None
    return int(digits)


def _observation(
    nt: NormalizedText,
    indicator: str,
    value: int | Decimal,
    unit: str,
    span: tuple[int, int],
    match: MatchInfo,
) -> Observation:
    """An observation for the normalised *span*, mapped back to the original text."""
    start, end = span
    original = nt.span_to_original(start, end)
    kind: CellKind = "zero" if value == 0 else "number"
    return Observation(
        indicator=indicator,
        value=value,
        unit=unit,
        raw=nt.original[original[0] : original[1]],
        span=original,
        line=nt.line_of(start),
        origin="prose",
        match=match,
        kind=kind,
    )


# -- where rules can match ---------------------------------------------------------------
#
# Running every rule's ``finditer`` over the whole text costs ten to fifteen passes of the
# text for a report. But a rule can only match where its label starts, and each label is a
# finite set of literal strings (alternatives and optional parts, no repetition). So the
# labels of all rules (number and phrase rules) are expanded once, at import, into one
# trie-shaped pattern for the standard library's ``re`` (which skips ahead to the
# characters that can start a label); one scan of the text finds every position where
# some label starts, and each rule is then tried with ``match`` at its own positions only,
# in order, resuming after each match — exactly the matches ``finditer`` would give. A rule
# whose start cannot be expanded (any syntax beyond literals, classes, groups,
# alternation, ``?`` and lookarounds) keeps its ``finditer``.


class _Unsupported(Exception):
    """A label pattern outside the literal subset that :class:`_LabelStrings` expands."""


_MAX_LABEL_STRINGS = 5000
_SYNTAX = frozenset(".^$*+{}\\[]()|?")


class _LabelStrings:
    """Every string a finite, literal regular expression matches (a small parser).

    Lookarounds match the empty string (they consume nothing); anything that is not a
    literal character, an escaped punctuation character, a class of such characters, a
    group, an alternation or an optional part raises :class:`_Unsupported`, so that the
    expansion is either exact or not used.
    """

    def __init__(self, source: str) -> None:
        self.src = source
        self.i = 0

    def _peek(self, ahead: int = 0) -> str:
        j = self.i + ahead
        return self.src[j] if j < len(self.src) else ""

    def _escaped(self) -> str:
        nxt = self._peek(1)
        if not nxt or nxt.isalnum() or nxt == "_":
            raise _Unsupported  # \d, \s, \p{…}, back-references: not literal
        self.i += 2
        return nxt

    def alternation(self) -> set[str]:
        out = self._sequence()
        while self._peek() == "|":
            self.i += 1
            out |= self._sequence()
        return out

    def _sequence(self) -> set[str]:
        out = {""}
        while self._peek() not in ("", "|", ")"):
            part = self._quantified()
            out = {a + b for a in out for b in part}
            if len(out) > _MAX_LABEL_STRINGS:
                raise _Unsupported
        return out

    def _quantified(self) -> set[str]:
        strings = self._atom()
        c = self._peek()
        if c == "?":
            self.i += 1
            strings = strings | {""}
            if self._peek() in ("?", "+"):  # lazy or possessive: the same strings
                self.i += 1
        elif c in ("*", "+", "{"):
            raise _Unsupported
        return strings

    def _atom(self) -> set[str]:
        c = self._peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self._class()
        if c == "\\":
            return {self._escaped()}
        if c in _SYNTAX:
            raise _Unsupported
        self.i += 1
        return {c}

    def group(self) -> set[str]:
        rest = self.src[self.i :]
        zero_width = False
        if rest.startswith("(?:"):
            self.i += 3
        elif rest.startswith("(?P<") and ">" in rest:
            self.i += rest.index(">") + 1
        elif rest.startswith(("(?<!", "(?<=")):
            self.i += 4
            zero_width = True
        elif rest.startswith(("(?!", "(?=")):
            self.i += 3
            zero_width = True
        else:
            raise _Unsupported
        inner = self.alternation()
        if self._peek() != ")":
            raise _Unsupported
        self.i += 1
        return {""} if zero_width else inner

    def _class(self) -> set[str]:
        self.i += 1
        chars: set[str] = set()
        while self._peek() != "]":
            c = self._peek()
            if c in ("", "^", "-", "["):
                raise _Unsupported  # unterminated, negated, ranges, nested sets
            if c == "\\":
                chars.add(self._escaped())
            else:
                chars.add(c)
                self.i += 1
        self.i += 1
        if not chars:
            raise _Unsupported
        return chars


_PLAIN_FLAGS = regex.compile("").flags


def _start_strings(pattern: regex.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which starts every match of *pattern*; ``None`` if not expandable.

    The whole pattern when its language is finite (every match is one of the strings),
    otherwise its first group (a rule's label).
    """
    if pattern.flags != _PLAIN_FLAGS:
        return None  # case-insensitive or verbose patterns match more than their letters
    source = pattern.pattern
    strings: set[str] | None = None
    try:
        whole = _LabelStrings(source)
        strings = whole.alternation()
        if whole.i != len(source):
            strings = None  # an unmatched ``)``: not a pattern this parser reads
    except _Unsupported:
        strings = None
    if strings is None and source.startswith("("):
        try:
            strings = _LabelStrings(source).group()
        except _Unsupported:
            strings = None
    if not strings or "" in strings:
        return None  # a start that can be empty can be anywhere
    return frozenset(strings)


def _trie_pattern(strings: frozenset[str]) -> str:
    """A pattern matching the longest of *strings* that starts at a position.

    All strings starting at one position are prefixes of one another, so the trie, tried
    greedily, stops at the longest; the shorter ones are found from it (``patterns_at``).
    """
    trie: dict[str, dict[str, Any]] = {}
    for string in strings:
        node = trie
        for ch in string:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict[str, Any]]) -> str:
        alternatives = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


@attrs.frozen
class _PatternIndex:
    """Where each of a list of patterns can match, found with one scan of the text."""

    patterns: tuple[regex.Pattern[str], ...]
    scanner: re.Pattern[str] | None
    # Longest start string found at a position → the patterns with a start string that is
    # a prefix of it (those all start at that position too).
    patterns_at: Mapping[str, tuple[int, ...]]
    indexed: frozenset[int]

    @classmethod
    def build(cls, patterns: tuple[regex.Pattern[str], ...]) -> _PatternIndex:
        owners: dict[str, set[int]] = {}
        for k, pattern in enumerate(patterns):
            for string in _start_strings(pattern) or ():
                owners.setdefault(string, set()).add(k)
        patterns_at = {
            string: tuple(
                sorted({k for i in range(1, len(string) + 1) for k in owners.get(string[:i], ())})
            )
            for string in owners
        }
        indexed = frozenset(k for ks in owners.values() for k in ks)
        scanner = re.compile(_trie_pattern(frozenset(owners))) if owners else None
        return cls(patterns, scanner, MappingProxyType(patterns_at), indexed)

    def starts(self, text: str) -> list[list[int]]:
        """Per pattern, the positions where one of its start strings begins, ascending."""
        out: list[list[int]] = [[] for _ in self.patterns]
        if self.scanner is None:
            return out
        search = self.scanner.search
        patterns_at = self.patterns_at
        pos = 0
        while (m := search(text, pos)) is not None:
            p = m.start()
            for k in patterns_at[m.group()]:
                out[k].append(p)
            pos = p + 1  # start strings may overlap: resume just after this one's start
        return out

    def matches(self, k: int, text: str, starts: list[list[int]]) -> Iterator[regex.Match[str]]:
        """The matches of pattern *k*, exactly as ``finditer(text)`` gives them."""
        pattern = self.patterns[k]
        if k not in self.indexed:
            yield from pattern.finditer(text)
            return
        pos = 0
        for p in starts[k]:
            if p < pos:
                continue  # inside the previous match: finditer resumes after it
            m = pattern.match(text, p)
            if m is not None:
                yield m
                pos = m.end()


# The number rules, then the phrase rules: one scan finds where any of them can match.
_INDEX = _PatternIndex.build(
    tuple(r.pattern for r in _ALL_NUMBER_RULES) + tuple(r.pattern for r in PHRASE_RULES)
)
_PHRASE_BASE = len(_ALL_NUMBER_RULES)


def _number_observations(
    nt: NormalizedText, excluded: _Excluded, starts: list[list[int]]
) -> list[Observation]:
    text = nt.text
    claimed: set[tuple[int, int]] = set()
    found: list[Observation] = []
    for k, rule in enumerate(_ALL_NUMBER_RULES):
        for m in _INDEX.matches(k, text, starts):
            num_span: tuple[int, int] = (m.start("n"), m.end("n"))
            if num_span in claimed or excluded.overlaps(m.start(), m.end()):
                continue
            if not _passes(rule, text, m):
                continue
            value = _read_number(nt, m)
            if value is None:
                continue
            claimed.add(num_span)
            found.append(
                _observation(
                    nt,
                    rule.indicator,
                    value,
                    m.group("unit"),
                    num_span,
                    MatchInfo("pattern", rule.confidence, rule.name),
                )
            )
    return found


def _phrase_ok(rule: PhraseRule, text: str, start: int, end: int) -> bool:
    """Whether the context of a zero phrase lets the rule fire."""
    rest = text[end : _forward_to(text, end, _CLAUSE_SEPS, 30)]
    if rule.spoilers is not None and rule.spoilers.search(rest):
        return False
    if rule.context is None:
        return True
    sentence = text[
        _back_to(text, start, _SENTENCE_SEPS, 200) : _forward_to(text, end, _SENTENCE_SEPS, 200)
    ]
    if rule.context.search(sentence):
        return True
    return rule.heading is not None and _heading_says(text, start, rule.heading)


def _phrase_observations(
    nt: NormalizedText, excluded: _Excluded, starts: list[list[int]]
) -> list[Observation]:
    text = nt.text
    found: list[Observation] = []
    for k, rule in enumerate(PHRASE_RULES, start=_PHRASE_BASE):
        for m in _INDEX.matches(k, text, starts):
            start, end = m.span()
            if excluded.overlaps(start, end) or not _phrase_ok(rule, text, start, end):
                continue
            phrase = m.group()
            for keyword, indicator, unit in rule.targets:
                if keyword in phrase:
                    zero: int | Decimal = Decimal(0) if unit in _MONEY else 0
                    found.append(
                        _observation(
                            nt,
                            indicator,
                            zero,
                            unit,
                            (start, end),
                            MatchInfo("phrase", rule.confidence, rule.name),
                        )
                    )
    return found


def _conflicts(observations: Sequence[Observation]) -> list[Finding]:
    """One finding per indicator that the prose states with two different values."""
    first: dict[str, Observation] = {}
    findings: list[Finding] = []
    reported: set[str] = set()
    for obs in observations:
        prev = first.setdefault(obs.indicator, obs)
        if prev.value != obs.value and obs.indicator not in reported:
            reported.add(obs.indicator)
            findings.append(
                Finding(
                    code="prose-conflict",
                    severity="warning",
                    message=(
                        f"the prose states {obs.indicator} twice with different values: "
                        f"{prev.raw!r} (line {prev.line}) and {obs.raw!r} (line {obs.line})"
                    ),
                    span=obs.span,
                    line=obs.line,
                    indicators=(obs.indicator,),
                )
            )
    return findings


def extract_prose(
    nt: NormalizedText, *, exclude: Sequence[tuple[int, int]] = ()
) -> tuple[list[Observation], list[Finding]]:
    """Read the statistics stated in the report's sentences.

    Args:
        nt: the normalised report text.
        exclude: normalised-text spans of detected statistics tables; nothing inside them is
            read.

    Returns:
        The prose observations in document order (``origin="prose"``, spans in the original
        text, ``kind="zero"`` for zero values) and findings: ``prose-conflict`` when the prose
        gives one indicator two different values.
    """
    excluded = _Excluded(exclude)
    starts = _INDEX.starts(nt.text)
    observations = _number_observations(nt, excluded, starts) + _phrase_observations(
        nt, excluded, starts
    )
    observations.sort(key=lambda o: (o.span, o.indicator))
    return observations, _conflicts(observations)
