"""Cmdlets on worker threads (the remoting service) each see committed state only."""

from __future__ import annotations

import threading

from exchange_sim.lab import Lab, StoreEntry


def test_another_thread_does_not_see_a_cmdlet_half_way(contoso_copy: Lab) -> None:
    entry = contoso_copy.store("EXCH01", "My").list()[0]
    seen: list[bool] = []

    def look() -> None:
        seen.append(entry.thumbprint in contoso_copy.store("EXCH01", "My"))

    with contoso_copy.transaction():
        contoso_copy.store("EXCH01", "My").remove(entry.thumbprint)
        assert entry.thumbprint not in contoso_copy.store("EXCH01", "My")
        reader = threading.Thread(target=look)
        reader.start()
        reader.join()
    assert seen == [True]
    look()
    assert seen == [True, False]


def test_writers_on_several_threads_all_commit(contoso_copy: Lab) -> None:
    template = contoso_copy.store("EXCH01", "My").list()[0]
    ready = threading.Barrier(4)
    failures: list[BaseException] = []

    def add_copy(server_store: str) -> None:
        try:
            ready.wait()
            with contoso_copy.cmdlet("EXCH01", "Add-Test", {"Store": server_store}):
                contoso_copy.store("EXCH01", server_store).add(
                    StoreEntry(store=server_store, thumbprint=template.thumbprint,
                               certificate_der=template.certificate_der)
                )
        except BaseException as error:  # reported below; a thread must not swallow it
            failures.append(error)

    threads = [threading.Thread(target=add_copy, args=(name,)) for name in ("REQUEST", "CA", "Root", "My")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for name in ("REQUEST", "CA", "Root", "My"):
        assert template.thumbprint in contoso_copy.store("EXCH01", name)
    assert sorted(r.parameters["Store"] for r in contoso_copy.audit.records()) == ["CA", "My", "REQUEST", "Root"]


def test_two_lab_instances_like_two_processes_take_turns_writing(contoso_copy: Lab) -> None:
    other = Lab.open(contoso_copy.path)  # its own connections, as `exchange-sim lab clock` would have
    holding = threading.Event()
    release = threading.Event()
    failures: list[BaseException] = []

    def first_writer() -> None:
        try:
            with contoso_copy.transaction():
                contoso_copy.config("EXCH01").pop_certificate_name = "first.contoso.com"
                holding.set()
                release.wait()
        except BaseException as error:
            failures.append(error)

    try:
        thread = threading.Thread(target=first_writer)
        thread.start()
        holding.wait()
        release.set()
        with other.transaction():
            assert other.server("EXCH01") is not None  # a read before the write, as cmdlets do
            other.config("EXCH01").imap_certificate_name = "second.contoso.com"
        thread.join()
        assert failures == []
        config = contoso_copy.config("EXCH01")
        assert (config.pop_certificate_name, config.imap_certificate_name) == (
            "first.contoso.com", "second.contoso.com")
    finally:
        other.close()
