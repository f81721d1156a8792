// The gateway benchmark's backend (tests/bench/gateway/run.sh): /voicefleet.v1.Synthesis/Synthesize echoes
// its request on libgrpc++'s callback API, with grpc.health.v1 served (the gateway's active health checks).
// Usage: synth_echo_server --port N
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include "synth_echo.grpc.pb.h"

namespace {

class SynthesisEcho final : public voicefleet::v1::Synthesis::CallbackService {
  grpc::ServerUnaryReactor* Synthesize(grpc::CallbackServerContext* context, const voicefleet::v1::Msg* request,
                                       voicefleet::v1::Msg* response) override {
    *response = *request;
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || std::strcmp(argv[1], "--port") != 0) {
    std::fprintf(stderr, "usage: synth_echo_server --port N\n");
    return 2;
  }

  grpc::EnableDefaultHealthCheckService(true);
  SynthesisEcho service;
  grpc::ServerBuilder builder;
  std::string address = std::string("127.0.0.1:") + argv[2];
  builder.AddListeningPort(address, grpc::InsecureServerCredentials());
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server) {
    std::fprintf(stderr, "synth_echo_server: cannot listen on %s\n", address.c_str());
    return 1;
  }

  std::printf("listening on http://%s (h2c)\n", address.c_str());
  std::fflush(stdout);
  server->Wait();
  return 0;
}
