"""The session: state and JSON answers shared by the pygls server and the early start."""

import gc

from component_lsp.session import FREEZE_FROM, Session

CAPS = {"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": True}}}


def test_a_large_document_is_kept_out_of_the_garbage_collectors_passes():
    session = Session()
    gc.unfreeze()
    session.open("file:///small", "x", 1, "RUN a\n" * 100)
    assert gc.get_freeze_count() == 0
    session.open("file:///large", "x", 1, "RUN a\n" * (FREEZE_FROM // 6 + 1))
    assert gc.get_freeze_count() > 0
    gc.unfreeze()


def test_a_pull_is_answered_unchanged_until_the_document_or_the_settings_change():
    session = Session()
    session.initialize(CAPS)
    session.open("file:///a", "x", 1, "FROM x\n")
    first = session.report("file:///a", None)
    assert first["kind"] == "full" and first["items"][0]["code"] == "NotSupportedCommand.FROM"
    assert session.report("file:///a", first["resultId"]) == {"kind": "unchanged", "resultId": first["resultId"]}
    session.change("file:///a", 2, [(None, "RUN a\n")])
    second = session.report("file:///a", first["resultId"])
    assert second["kind"] == "full" and second["items"] == []
    session.configure({"componentLsp": {"diagnostics": {"ignore": ["Lint.*"]}}})
    assert session.report("file:///a", second["resultId"])["kind"] == "full"


def test_result_ids_differ_for_a_reopened_document_and_match_between_sessions():
    one, two = Session(), Session()
    for session in (one, two):
        session.open("file:///a", "x", 1, "RUN a\n")
    assert one.result_id(one.documents["file:///a"]) == two.result_id(two.documents["file:///a"])
    before = one.result_id(one.documents["file:///a"])
    one.close("file:///a")
    one.open("file:///a", "x", 1, "RUN a\n")
    assert one.result_id(one.documents["file:///a"]) != before


def test_new_settings_need_a_refresh_only_after_a_pull():
    session = Session()
    session.initialize(CAPS)
    session.open("file:///a", "x", 1, "RUN a\n")
    assert not session.stale_reports
    session.report("file:///a", None)
    assert session.stale_reports
