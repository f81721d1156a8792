// The libgrpc++ reference for the transport benchmark (tests/bench/run.sh): echo.Echo/Call on the
// callback API (CallbackService, one default reactor per call), insecure h2c on 127.0.0.1:<port>.
//
// Built by run.sh against Debian's libgrpc++ (stubs from protoc + grpc_cpp_plugin in a temp dir):
//   g++ -O2 -std=c++17 echo_server.cc echo.pb.cc echo.grpc.pb.cc $(pkg-config --cflags --libs grpc++ protobuf)
// Usage: echo_server --port N
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "echo.grpc.pb.h"

namespace {

class EchoService final : public echo::Echo::CallbackService {
  grpc::ServerUnaryReactor* Call(grpc::CallbackServerContext* context, const echo::Msg* request,
                                 echo::Msg* response) override {
    *response = *request;
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

int ParsePort(int argc, char** argv) {
  if (argc != 3 || std::strcmp(argv[1], "--port") != 0) return -1;
  char* end = nullptr;
  long port = std::strtol(argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || port < 1 || port > 65535) return -1;
  return static_cast<int>(port);
}

}  // namespace

int main(int argc, char** argv) {
  int port = ParsePort(argc, argv);
  if (port < 0) {
    std::fprintf(stderr, "usage: echo_server --port N (1-65535)\n");
    return 2;
  }

  EchoService service;
  grpc::ServerBuilder builder;
  std::string address = "127.0.0.1:" + std::to_string(port);
  builder.AddListeningPort(address, grpc::InsecureServerCredentials());
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server) {
    std::fprintf(stderr, "echo_server: cannot listen on %s\n", address.c_str());
    return 1;
  }

  std::printf("listening on http://%s (h2c)\n", address.c_str());
  std::fflush(stdout);
  server->Wait();
  return 0;
}
