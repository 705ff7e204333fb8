#!/usr/bin/env python3
"""A real SMTP server for the tests and the demo (aiosmtpd, from PyPI or
Debian): every mail it receives is stored in a Maildir, which the tests read.

Usage: smtp_sink.py --port 2525 --maildir DIR [--delay SECONDS]

--delay: wait that long after storing a mail before answering "250", as a
slow server does (the crash test kills the sender meanwhile).
Prints "listening" once it accepts connections.
"""
import argparse
import asyncio
import mailbox
import os
import signal

from aiosmtpd.smtp import SMTP


class Store:
    def __init__(self, maildir, delay):
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)
        self.box = mailbox.Maildir(maildir, create=False)
        self.delay = delay

    async def handle_DATA(self, server, session, envelope):
        self.box.add(envelope.original_content or envelope.content)
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    handler = Store(args.maildir, args.delay)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, enable_SMTPUTF8=True, decode_data=False),
        host=args.host,
        port=args.port,
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("listening", flush=True)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
