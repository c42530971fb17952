#!/usr/bin/env python3
"""A testee for `npx conformance client`: botocore as Debian's awscli package ships it (awscli.botocore),
with nothing changed but one trait of the loaded model (below).

Protocol (docs/clients.md): one case a line on stdin, {"id", "operation", "input", "paginate"?};
one reply a line on stdout, {"id", "output"} | {"id", "pages"} | {"id", "error": {"name", "status"?, "local"?}}
| {"id", "unsupported"}.
"""
import json
import os
import sys

try:
    # Debian's awscli (2.x) vendors botocore as awscli.botocore; importing it makes `botocore` name that copy.
    import awscli.botocore  # noqa: F401
except ImportError:
    # Debian installs awscli for the system Python; another python3 first on PATH (pyenv, a venv, with pip's
    # awscli 1.x and botocore of its own) is not the client this testee judges: run again under the system one.
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3', *sys.argv])
    raise
from botocore import xform_name
from botocore.exceptions import ClientError, ParamValidationError
from botocore.session import Session

session = Session()
# Chime's model does not mark ThrottledClientException @retryable, and botocore (unlike the JS SDK) knows
# throttling by error code, not by status 429: without this it never retries a throttle (the
# retries-retryable check). This adds the trait to the loaded model; botocore's standard retry mode
# honours it.
model = session.get_component('data_loader').load_service_model('chime-sdk-voice', 'service-2')
model['shapes']['ThrottledClientException']['retryable'] = {'throttling': True}
# This botocore predates AWS_ENDPOINT_URL_<SERVICE>; credentials and AWS_DEFAULT_REGION it reads itself.
client = session.create_client('chime-sdk-voice', endpoint_url=os.environ['AWS_ENDPOINT_URL_CHIME_SDK_VOICE'])


def output_of(response):
    return {k: v for k, v in response.items() if k != 'ResponseMetadata'}


for line in sys.stdin:
    case = json.loads(line)
    method = xform_name(case['operation'])
    try:
        if case.get('paginate'):
            if not client.can_paginate(method):
                reply = {'unsupported': f'botocore has no paginator for {case["operation"]}'}
            else:
                pages = client.get_paginator(method).paginate(**case['input'])
                reply = {'pages': [output_of(page) for page in pages]}
        else:
            reply = {'output': output_of(getattr(client, method)(**case['input']))}
    except ParamValidationError as error:  # botocore's own validation: nothing was sent
        reply = {'error': {'name': 'ParamValidationError', 'local': True, 'message': str(error)}}
    except ClientError as error:
        reply = {'error': {'name': error.response['Error']['Code'], 'status': error.response['ResponseMetadata'].get('HTTPStatusCode'), 'message': str(error)}}
    except Exception as error:  # a connection that failed, a reset that was not retried
        reply = {'error': {'name': type(error).__name__, 'message': str(error)}}
    # datetimes (timezone-aware) as ISO 8601 strings.
    print(json.dumps({'id': case['id'], **reply}, default=lambda value: value.isoformat()), flush=True)
