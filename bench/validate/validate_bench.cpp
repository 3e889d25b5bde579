// Validation speed: a generated file with 1,000 event sources of all eight types (eight Gateways and
// their ConfigMaps, 125 sources each), validated the way `gwctl validate` does it, beside what
// merely loading the same YAML costs (libyaml through our loader, and yaml-cpp), and `gwctl
// validate` end to end as a process. Target: under 200 ms for the 1,000 sources.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <unistd.h>

#include <yaml-cpp/yaml.h>

#include "sources/schemas.h"
#include "spec/validator.h"
#include "spec/yaml.h"
#include "spec/yamlwrite.h"

using namespace gs;
using Clock = std::chrono::steady_clock;

namespace {

const char *kTypes[] = {"calendar", "webhook", "resource", "artifact", "nats", "mqtt", "kafka", "amqp"};

std::string config(const std::string &type, int i)
{
    const std::string n = std::to_string(i);
    if (type == "calendar")
        return i % 2 ? "schedule: \"" + std::to_string(i % 60)
                + " 7 * * mon-fri\"\ntimezone: Europe/Berlin\nrecurrence:\n  - \"EXDATE;VALUE=DATE:20261224\"\n"
                     : "interval: " + std::to_string(10 + i) + "s\nuserPayload:\n  team: ops\n  n: " + n + "\n";
    if (type == "webhook")
        return "port: \"" + std::to_string(12000 + i % 10) + "\"\nendpoint: /hook-" + n + "\nmethod: POST\nmaxBodySize: 65536\n";
    if (type == "resource")
        return "namespace: team-" + n
            + "\ngroup: argoproj.io\nversion: v1alpha1\nkind: Workflow\ntype: MODIFIED\nfilter:\n  prefix: wf-\n  labels:\n"
              "    workflows.argoproj.io/phase: Succeeded\n  createdBy: \"2019-04-06T12:52:11Z\"\n";
    if (type == "artifact")
        return "endpoint: minio.storage:9000\ninsecure: true\nbucket: {name: uploads-" + n
            + "}\nevents: [\"s3:ObjectCreated:Put\", \"s3:ObjectRemoved:Delete\"]\nfilter: {prefix: \"in/\", suffix: \".csv\"}\n"
              "accessKey: {name: minio-creds, key: accesskey}\nsecretKey: {name: minio-creds, key: secretkey}\n";
    if (type == "nats")
        return "url: nats://nats.messaging:4222\nsubject: orders." + n
            + ".>\nbackoff: {duration: 2000000000, factor: 2, jitter: 0.2, steps: 6}\n";
    if (type == "mqtt")
        return "url: tcp://mosquitto.iot:1883\ntopic: plant/" + n + "/+/temperature\nclientId: gw" + n
            + "\nqos: 1\n"
              "backoff: {duration: 1000000000, factor: 1.5, steps: 10}\n";
    if (type == "kafka")
        return "url: kafka-0.kafka.data:9092\ntopic: clicks-" + n + "\npartition: \"" + std::to_string(i % 4)
            + "\"\n"
              "backoff: {duration: 3000000000, factor: 2, steps: 5}\n";
    return "url: amqp://guest:guest@rabbitmq.mq:5672/\nexchangeName: audit-" + n
        + "\nexchangeType: fanout\nroutingKey: \"#\"\n"
          "backoff: {duration: 5000000000, factor: 1, steps: 12}\n";
}

/** Eight Gateway + ConfigMap pairs, 125 sources each: 1,000 sources in one file. */
std::string generate(int perType)
{
    std::string out;
    for (const char *t : kTypes) {
        const std::string type = t;
        out += "apiVersion: argoproj.io/v1alpha1\nkind: Gateway\nmetadata:\n  name: " + type
            + "-gateway\n  labels:\n"
              "    gateways.argoproj.io/gateway-controller-instanceid: argo-events\n    argo-events-gateway-version: v0.10\nspec:\n"
              "  type: "
            + type + "\n  eventSource: " + type
            + "-sources\n  processorPort: \"9330\"\n  eventProtocol:\n    type: HTTP\n"
              "    http:\n      port: \"9300\"\n  template:\n    spec:\n      containers:\n        - name: gateway-client\n"
              "          image: argoproj/gateway-client:v0.10\n  watchers:\n    sensors:\n      - name: "
            + type + "-sensor\n---\n";
        out += "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + type
            + "-sources\n  labels:\n    argo-events-event-source-version: v0.10\ndata:\n";
        for (int i = 0; i < perType; ++i) {
            out += "  " + type + "-" + std::to_string(i) + ": |\n";
            const std::string c = config(type, i);
            std::size_t start = 0;
            while (start < c.size()) {
                const auto nl = c.find('\n', start);
                out += "    " + c.substr(start, nl - start) + "\n";
                start = nl + 1;
            }
        }
        out += "---\n";
    }
    return out;
}

struct Stats {
    double median;
    double best;
};

Stats measure(int runs, const std::function<void()> &f)
{
    std::vector<double> ms;
    f(); // warm up
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        f();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front()};
}

} // namespace

int main(int argc, char **argv)
{
    const int perType = argc > 1 ? std::atoi(argv[1]) : 125;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 15;
    const std::string gwctl = argc > 3 ? argv[3] : std::string(GS_BENCH_GWCTL);
    const std::string text = generate(perType);
    const int sources = perType * 8;
    char path[] = "/tmp/gs-bench-validate-XXXXXX.yaml";
    const int fd = ::mkstemps(path, 5);
    if (fd < 0)
        return 1;
    ::close(fd);
    std::ofstream(path) << text;

    ValidateOptions options;
    options.sourceSchema = [](std::string_view t) { return sourceSchema(t); };
    options.knownSchemas = sourceSchemas();
    std::size_t problems = 0;
    const auto validate = measure(runs, [&] { problems = validateFiles({{path, text}}, options).size(); });
    const auto libyaml = measure(runs, [&] { (void)yaml::parseDocuments(text, "bench"); });
    const auto yamlcpp = measure(runs, [&] { (void)YAML::LoadAll(text); });
    const auto yamlcppAll = measure(runs, [&] {
        // The same parsing work with yaml-cpp: the file, then every source's embedded YAML.
        for (const auto &doc : YAML::LoadAll(text)) {
            if (!doc.IsMap() || doc["kind"].as<std::string>() != "ConfigMap")
                continue;
            for (const auto &kv : doc["data"])
                (void)YAML::Load(kv.second.as<std::string>());
        }
    });
    const auto fmt = measure(runs, [&] { (void)yaml::format(text, "bench"); });
    const std::string command = gwctl + " validate " + path + " >/dev/null 2>&1";
    int rc = 0;
    const auto process = measure(std::max(3, runs / 3), [&] { rc = std::system(command.c_str()); });
    std::remove(path);

    std::printf("validate: %d event sources (%zu KiB, 16 objects), %d runs each; median (best) in ms\n", sources, text.size() / 1024, runs);
    std::printf("  %-58s %8.1f (%6.1f)  %s\n", "validateFiles: parse + schemas + cross-document rules", validate.median, validate.best,
        validate.median < 200 ? "[target < 200 ms: met]" : "[target < 200 ms: MISSED]");
    std::printf("  %-58s %8.1f (%6.1f)\n", "  of which: parsing the file with libyaml (our loader)", libyaml.median, libyaml.best);
    std::printf("  %-58s %8.1f (%6.1f)\n", "yaml-cpp LoadAll of the same file (no embedded configs)", yamlcpp.median, yamlcpp.best);
    std::printf("  %-58s %8.1f (%6.1f)\n", "yaml-cpp LoadAll + Load of each of the 1,000 configs", yamlcppAll.median, yamlcppAll.best);
    std::printf("  %-58s %8.1f (%6.1f)\n", "gwctl fmt's formatting of the file", fmt.median, fmt.best);
    std::printf("  %-58s %8.1f (%6.1f)  exit %d\n", "gwctl validate FILE, whole process", process.median, process.best, WEXITSTATUS(rc));
    std::printf("  problems found: %zu (the generated file is valid)\n", problems);
    return problems == 0 && validate.median < 200 ? 0 : 1;
}
