"""Many shells and runspace pools at once, from many connections, all answered."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import winrm
from pypsrp.powershell import RunspacePool
from pypsrp.wsman import WSMan

from tests.remoting.conftest import USER


def test_twenty_cmd_clients_and_five_pools_at_once_all_succeed(service) -> None:
    wsman_url = service.endpoint("EXCH01", "WinRM", "http").url
    iis = urlparse(service.endpoint("EXCH01", "IIS", "http").url)

    def cmd_client(index: int) -> bytes:
        session = winrm.Session(wsman_url, auth=(USER.name, USER.password), transport="ntlm")
        return b"".join(session.run_cmd("echo", [f"client{index}-{round_}"]).std_out for round_ in range(3))

    def pool_client(_: int) -> int:
        with WSMan(iis.hostname, port=iis.port, path="PowerShell/", ssl=False, username=USER.name,
                   password=USER.password, auth="ntlm") as wsman:
            with RunspacePool(wsman, configuration_name="Microsoft.Exchange") as pool:
                return pool.state

    with ThreadPoolExecutor(25) as workers:
        cmd_futures = [workers.submit(cmd_client, i) for i in range(20)]
        pool_futures = [workers.submit(pool_client, i) for i in range(5)]
        cmd_results = [f.result() for f in cmd_futures]
        pool_results = [f.result() for f in pool_futures]
    assert cmd_results == [b"".join(f"client{i}-{r}\r\n".encode() for r in range(3)) for i in range(20)]
    assert pool_results == [2] * 5
    assert service.service.open_shells() == 0
