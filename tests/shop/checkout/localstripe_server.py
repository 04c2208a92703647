"""Run localstripe on 127.0.0.1 only, with its state pickled to a path of our choosing.

python tests/shop/checkout/localstripe_server.py PORT PICKLE_PATH
"""

import pickle
import sys

from aiohttp import web
from localstripe import resources
from localstripe.server import app

port, path = int(sys.argv[1]), sys.argv[2]


def _load(self):
    try:
        with open(path, "rb") as f:
            self.clear()
            self.update(pickle.load(f))  # noqa: S301 - our own file
    except FileNotFoundError:
        pass


def _dump(self):
    with open(path, "wb") as f:
        pickle.dump(self, f, protocol=pickle.HIGHEST_PROTOCOL)


resources.Store.try_load_from_disk = _load
resources.Store.dump_to_disk = _dump
web.run_app(app, host="127.0.0.1", port=port, print=None)
