"""Early pytest plugin (loaded with ``-p tests.alias_httpx`` before anything imports httpx).

anthropic 2.x sends its requests through ``httpx2``; respx patches whatever module is
importable as ``httpx``. Aliasing makes ``import httpx`` resolve to ``httpx2`` for the
whole test process, so one respx mock sees the Anthropic SDK (the SDK's own test suite
does the same). supabase still imports and runs on the aliased module.
"""

import httpx2

httpx2.alias_httpx()
