#include "artifactconfig.h"

#include "core/printable.h"

namespace gs::artifact {

namespace {

using schema::Field;

void checkEndpoint(const schema::View &v, schema::Report &r)
{
    const std::string e = v.text("endpoint");
    if (e.find("://") != std::string::npos)
        r.error(v.where("endpoint"), v.path("endpoint"),
            "endpoint is host:port without a scheme (found " + quoted(e) + "); set insecure: true for plain HTTP", "artifact.endpoint");
    else if (e.find('/') != std::string::npos)
        r.error(v.where("endpoint"), v.path("endpoint"), "endpoint is host:port without a path, found " + quoted(e), "artifact.endpoint");
}

schema::TypeSchema makeSchema()
{
    schema::TypeSchema s;
    s.type = "artifact";
    s.title = "Artifact (MinIO bucket)";
    s.description = "Listens to a MinIO bucket's notifications; each notification's first record is an event.";
    s.reference = "spec §6.4, PC-17";
    s.modernSection = "minio";
    s.fields = {
        Field::string("endpoint")
            .need("endpoint url can't be empty")
            .eg("minio-service.argo-events:9000")
            .doc("MinIO server as host:port (no scheme)."),
        Field::object("bucket",
            {Field::string("name").need("bucket name can't be empty").eg("input").doc("Bucket to listen on."),
                Field::string("key").doc("Unused by this gateway.")})
            .need()
            .doc("The bucket, as {name: BUCKET}; notifications of other buckets are never events."),
        Field::string("region").doc("Unused by this gateway."),
        Field::boolean("insecure").byDefault("false").doc("true: plain HTTP; false: HTTPS."),
        Field::secretRef("accessKey")
            .need("access key can't be empty")
            .eg("{name: artifacts-minio, key: accesskey}")
            .doc("Access key, as a secret reference."),
        Field::secretRef("secretKey")
            .need("secret key can't be empty")
            .eg("{name: artifacts-minio, key: secretkey}")
            .doc("Secret key, as a secret reference."),
        Field::list("events", schema::Kind::Enum)
            .allow(eventNames())
            .invalid("unknown event {value}")
            .eg("[\"s3:ObjectCreated:Put\"]")
            .doc("Event names such as s3:ObjectCreated:Put or s3:ObjectRemoved:*."),
        Field::object("filter",
            {Field::string("prefix").doc("Object keys must start with it."), Field::string("suffix").doc("Object keys must end with it.")})
            .doc("Object-key filter; absent: every key."),
    };
    s.templateKeys = {"endpoint", "bucket", "insecure", "accessKey", "secretKey", "events"};
    s.rules = {{"artifact.endpoint", "endpoint is host:port without scheme or path", checkEndpoint}};
    return s;
}

} // namespace

const std::vector<std::string> &eventNames()
{
    static const std::vector<std::string> names {"s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post",
        "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectCreated:PutRetention",
        "s3:ObjectCreated:PutLegalHold", "s3:ObjectCreated:PutTagging", "s3:ObjectCreated:DeleteTagging", "s3:ObjectRemoved:*",
        "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated", "s3:ObjectRemoved:NoOP", "s3:ObjectAccessed:*",
        "s3:ObjectAccessed:Get", "s3:ObjectAccessed:Head", "s3:ObjectAccessed:GetRetention", "s3:ObjectAccessed:GetLegalHold",
        "s3:ObjectAccessed:Attributes", "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed",
        "s3:ObjectTransition:*", "s3:ObjectTransition:Failed", "s3:ObjectTransition:Complete", "s3:Replication:*",
        "s3:Replication:OperationFailedReplication", "s3:Replication:OperationCompletedReplication",
        "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold", "s3:Replication:OperationNotTracked",
        "s3:ReducedRedundancyLostObject", "s3:Scanner:ManyVersions", "s3:Scanner:BigPrefix", "s3:BucketCreated", "s3:BucketRemoved"};
    return names;
}

const schema::TypeSchema &schema()
{
    static const schema::TypeSchema s = makeSchema();
    return s;
}

Config readConfig(const schema::View &v)
{
    Config c;
    c.endpoint = v.text("endpoint");
    if (const auto b = v.object("bucket"))
        c.bucket = b->text("name");
    c.region = v.text("region");
    c.insecure = v.boolean("insecure").value_or(false);
    c.accessKey = v.secret("accessKey").value_or(SecretRef {});
    c.secretKey = v.secret("secretKey").value_or(SecretRef {});
    c.events = v.strings("events");
    if (const auto f = v.object("filter")) {
        c.prefix = f->text("prefix");
        c.suffix = f->text("suffix");
    }
    return c;
}

Result<Config> loadConfig(std::string_view text)
{
    return schema::loadTyped(schema(), &readConfig, text);
}

} // namespace gs::artifact
