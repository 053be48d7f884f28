"""WS-Management remoting for a lab: WinRM's `cmd` shell (pywinrm) and PSRP (pypsrp) over HTTP(S).

Layers, each its own module, sans-IO below `http`:
    faults       WsmanFault and the fault codes clients act on
    soap         hardened envelope parsing (WsmanRequest) and reply/fault building
    auth         Basic, Negotiate/NTLM (pyspnego acceptor), relaxed channel binding, per-connection state
    encryption   multipart/encrypted framing of sealed messages
    shells       ShellTable (ownership, idle expiry) and OutputBuffer (Receive batches)
    command_line what a WinRS command line asks for (powershell.exe parameters, cmd programs)
    winrs        rsp: bodies and cmd.exe answers; clixml_stream: powershell.exe's stderr
    psrp         psrpcore runspace pools per shell, per-target queues, host calls, metadata
    objects      engine values <-> PSRP objects; command_metadata: GET_COMMAND_METADATA answers
    dispatcher   one server's verbs (Create/Command/Receive/Send/Signal/Delete), long-poll Receive
    tls          per-handshake certificate choice (SNI callback)
    http         the aiohttp edge (401 dance, sealing, body limit)
    service      RemotingService(plans, users, options): bind/accept/stop, Endpoint table, ServiceThread
"""
