#!/usr/bin/python3
"""A python3-grpcio (Debian) client of voicefleet.v1.TextFrontend, the reference peer of the Frontend tests.

Generates the message and stub modules from the repository's protos into a temporary folder (protoc with
grpc_python_plugin), calls Analyze with one good and one bad request, and prints one JSON object: the fields the
test compares. Exit 1 with a message on stderr when something is off.

Usage: /usr/bin/python3 frontend_client.py --repo ROOT --port N
"""

import argparse
import json
import subprocess
import sys
import tempfile

import grpc


def generate(repo, out):
    protos = f"{repo}/protos"
    subprocess.run(
        ["protoc", f"-I{protos}", f"--python_out={out}", f"--grpc_python_out={out}",
         "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin",
         f"{protos}/voicefleet/v1/common.proto", f"{protos}/voicefleet/v1/frontend.proto"],
        check=True)
    sys.path.insert(0, out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        generate(args.repo, out)
        from voicefleet.v1 import frontend_pb2, frontend_pb2_grpc

        with grpc.insecure_channel(f"127.0.0.1:{args.port}") as channel:
            stub = frontend_pb2_grpc.TextFrontendStub(channel)
            reply = stub.Analyze(frontend_pb2.AnalyzeRequest(text="银行的行长来了。Hello there!"), timeout=30)
            try:
                stub.Analyze(frontend_pb2.AnalyzeRequest(ssml="<speak>\n<p>oops</speak>"), timeout=30)
                bad = {"code": "OK", "details": ""}
            except grpc.RpcError as error:
                bad = {"code": error.code().name, "details": error.details()}

        first = reply.sentences[0]
        print(json.dumps({
            "language": reply.language,
            "sentences": len(reply.sentences),
            "text": first.text,
            "phonemes": first.phonemes,
            "alphabet": frontend_pb2.PhonemeAlphabet.Name(first.alphabet),
            "syllables": [s.pinyin for w in first.words for s in w.syllables],
            "english": reply.sentences[1].phonemes,
            "bad": bad,
        }, ensure_ascii=False))


if __name__ == "__main__":
    main()
