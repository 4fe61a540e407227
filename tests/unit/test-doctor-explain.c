/* The doctor's knowledge and the way it shows checks: every rule explains its own real sample, image names, report, JSON, exit status. */
#include <string.h>

#include <json-glib/json-glib.h>

#include "matou-doctor.h"
#include "matou-error.h"

static MatouDoctorKnowledge *
load_real (void)
{
  const char *fixtures = g_getenv ("MATOU_TEST_FIXTURES");
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  MatouDoctorKnowledge *knowledge;

  g_assert_nonnull (fixtures);
  path = g_build_filename (fixtures, "..", "..", "data", "doctor", "doctor.xml", NULL);
  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  knowledge = matou_doctor_knowledge_new_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (knowledge);

  return knowledge;
}

/* Each rule's sample is a real message of its kind: the first rule that
 * matches it must be that rule, or an earlier, broader rule hides it. */
static void
test_every_rule_explains_its_sample (void)
{
  g_autoptr(MatouDoctorKnowledge) knowledge = load_real ();

  g_assert_cmpuint (knowledge->rules->len, >=, 15);
  for (guint i = 0; i < knowledge->rules->len; i++)
    {
      const MatouExplainRule *rule = g_ptr_array_index (knowledge->rules, i);
      const MatouExplainRule *found = matou_doctor_explain (knowledge, rule->sample);

      g_test_message ("%s: %s", rule->id, rule->sample);
      g_assert_nonnull (found);
      g_assert_cmpstr (found->id, ==, rule->id);
      g_assert_cmpstr (found->title, !=, "");
      g_assert_cmpstr (found->explanation, !=, "");
      if (rule->fix.kind == MATOU_FIX_SETTINGS)
        g_assert_nonnull (rule->fix.field);
      if (rule->fix.kind == MATOU_FIX_COMMAND)
        g_assert_cmpstr (rule->fix.command, !=, "");
    }
}

/* The messages the issue names, as users paste them (with the lines around them). */
static void
test_messages_users_paste (void)
{
  g_autoptr(MatouDoctorKnowledge) knowledge = load_real ();
  const struct {
    const char *text;
    const char *rule;
  } cases[] = {
    { "Using default tag: latest\nError response from daemon: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: read udp 127.0.0.1:53421->127.0.0.53:53: i/o timeout", "dns-timeout" },
    { "Error response from daemon: Get \"https://registry-1.docker.io/v2/\": proxyconnect tcp: dial tcp 192.168.1.2:7890: connect: connection refused", "proxy-connect" },
    { "Error response from daemon: toomanyrequests: You have reached your unauthenticated pull rate limit.", "rate-limit" },
    { "x509: certificate has expired or is not yet valid", "x509-expired" },
    { "Job for docker.service failed.\nSee \"systemctl status docker.service\" and \"journalctl -xeu docker.service\" for details.\ndocker.service: Start request repeated too quickly.", "start-limit" },
    { "unable to configure the Docker daemon with file /etc/docker/daemon.json: the following directives are specified both as a flag and in the configuration file: hosts: (from flag: [fd://], from file: [unix:///var/run/docker.sock])", "flag-conflict" },
    { "failed to start daemon: Error initializing network controller: list bridge addresses failed: no available network", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MatouExplainRule *found = matou_doctor_explain (knowledge, cases[i].text);

      if (cases[i].rule == NULL)
        g_assert_null (found);
      else
        {
          g_assert_nonnull (found);
          g_assert_cmpstr (found->id, ==, cases[i].rule);
        }
    }
}

static void
test_prefix_mirrors (void)
{
  g_autoptr(MatouDoctorKnowledge) knowledge = load_real ();
  const char *registries[] = { "ghcr.io", "quay.io", "gcr.io", "registry.k8s.io", "nvcr.io" };

  for (guint i = 0; i < G_N_ELEMENTS (registries); i++)
    {
      g_autoptr(GPtrArray) found = matou_doctor_prefix_mirrors_for (knowledge, registries[i]);
      g_assert_cmpuint (found->len, >=, 1);
    }
  {
    g_autoptr(GPtrArray) found = matou_doctor_prefix_mirrors_for (knowledge, "registry.example.org");
    g_assert_cmpuint (found->len, ==, 0);
  }
}

static void
test_broken_files_refused (void)
{
  const char *files[] = {
    "<matou-doctor></matou-doctor>",
    "<matou-doctor><rule id=\"a\" fix=\"none\"><pattern>(</pattern><sample>x</sample><title>t</title><explanation>e</explanation></rule></matou-doctor>",
    "<matou-doctor><rule id=\"a\" fix=\"command\"><pattern>x</pattern><sample>x</sample><title>t</title><explanation>e</explanation><fix>f</fix></rule></matou-doctor>",
    "<matou-doctor><rule id=\"a\" fix=\"settings\" field=\"colour\"><pattern>x</pattern><sample>x</sample><title>t</title><explanation>e</explanation><fix>f</fix></rule></matou-doctor>",
    "<matou-doctor><rule id=\"a\" fix=\"none\"><pattern>x</pattern><title>t</title><explanation>e</explanation></rule></matou-doctor>",
    "<matou-doctor><rule id=\"a\" fix=\"none\"><pattern>x</pattern><sample>x</sample><title>t</title><title>u</title><explanation>e</explanation></rule></matou-doctor>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MatouDoctorKnowledge) knowledge = matou_doctor_knowledge_new_from_data (files[i], -1, &error);

      g_assert_null (knowledge);
      g_assert_error (error, MATOU_ERROR, MATOU_ERROR_PARSE);
    }
}

static void
test_image_references (void)
{
  const struct {
    const char *image, *registry, *repository, *tag;
  } cases[] = {
    { "hello-world", "docker.io", "library/hello-world", "latest" },
    { "nginx:1.25", "docker.io", "library/nginx", "1.25" },
    { "docker.io/library/busybox:1", "docker.io", "library/busybox", "1" },
    { "bitnami/redis", "docker.io", "bitnami/redis", "latest" },
    { "ghcr.io/home-assistant/home-assistant:stable", "ghcr.io", "home-assistant/home-assistant", "stable" },
    { "registry.k8s.io/pause:3.9", "registry.k8s.io", "pause", "3.9" },
    { "localhost:5000/app", "localhost:5000", "app", "latest" },
    { "nvcr.io/nvidia/pytorch:24.01-py3", "nvcr.io", "nvidia/pytorch", "24.01-py3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *registry = NULL, *repository = NULL, *tag = NULL;

      g_assert_true (matou_image_reference_parse (cases[i].image, &registry, &repository, &tag));
      g_assert_cmpstr (registry, ==, cases[i].registry);
      g_assert_cmpstr (repository, ==, cases[i].repository);
      g_assert_cmpstr (tag, ==, cases[i].tag);
    }
  g_assert_false (matou_image_reference_parse ("Nginx", NULL, NULL, NULL));
  g_assert_false (matou_image_reference_parse ("nginx; rm -rf /", NULL, NULL, NULL));
  g_assert_false (matou_image_reference_parse ("", NULL, NULL, NULL));
}

static GPtrArray *
sample_checks (void)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) matou_check_free);
  MatouCheck *check;

  g_ptr_array_add (checks, matou_check_new ("docker.daemon", MATOU_STAGE_DOCKER, MATOU_CHECK_OK,
                                            "The Docker daemon answers", "Engine 20.10 answers on /home/ann/.docker/run/docker.sock.", NULL));
  check = matou_check_new ("reach.proxy", MATOU_STAGE_REACH, MATOU_CHECK_FAILED,
                           "The daemon's proxy does not get through", "http://ann:s3cret@127.0.0.1:7890: refused", "Start the proxy.");
  matou_check_set_fix_settings (check, "Check the proxy", "proxy", "http://ann:s3cret@127.0.0.1:7890");
  g_ptr_array_add (checks, check);
  g_ptr_array_add (checks, matou_check_new ("pull.test", MATOU_STAGE_PULL, MATOU_CHECK_SKIPPED, "A test pull", "Not asked for.", NULL));

  return checks;
}

static void
test_report_masks_passwords_and_home (void)
{
  g_autoptr(GPtrArray) checks = sample_checks ();
  g_autofree char *report = matou_checks_to_report (checks, "/home/ann");

  g_assert_null (strstr (report, "s3cret"));
  g_assert_null (strstr (report, "/home/ann"));
  g_assert_nonnull (strstr (report, "~/.docker/run/docker.sock"));
  g_assert_nonnull (strstr (report, "http://ann:***@127.0.0.1:7890"));
  g_assert_nonnull (strstr (report, "(reach.proxy)"));
  g_assert_nonnull (strstr (report, "Start the proxy."));
}

static void
test_json_shape (void)
{
  g_autoptr(GPtrArray) checks = sample_checks ();
  g_autofree char *text = matou_checks_to_json (checks);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *object;

  g_assert_null (strstr (text, "s3cret"));
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  object = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "reach.proxy");
  g_assert_cmpstr (json_object_get_string_member (object, "stage"), ==, "reach");
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "fix"), "kind"), ==, "settings");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "fix"), "field"), ==, "proxy");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 0), "fix"));
}

static void
test_exit_status_by_state (void)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func ((GDestroyNotify) matou_check_free);

  g_assert_cmpint (matou_checks_exit_status (checks), ==, 0);
  g_ptr_array_add (checks, matou_check_new ("a", MATOU_STAGE_DOCKER, MATOU_CHECK_OK, "t", "", NULL));
  g_ptr_array_add (checks, matou_check_new ("b", MATOU_STAGE_DOCKER, MATOU_CHECK_SKIPPED, "t", "", NULL));
  g_assert_cmpint (matou_checks_exit_status (checks), ==, 0);
  g_ptr_array_add (checks, matou_check_new ("c", MATOU_STAGE_DNS, MATOU_CHECK_WARNING, "t", "", NULL));
  g_assert_cmpint (matou_checks_exit_status (checks), ==, 1);
  g_ptr_array_add (checks, matou_check_new ("d", MATOU_STAGE_DNS, MATOU_CHECK_FAILED, "t", "", NULL));
  g_ptr_array_add (checks, matou_check_new ("e", MATOU_STAGE_DNS, MATOU_CHECK_WARNING, "t", "", NULL));
  g_assert_cmpint (matou_checks_exit_status (checks), ==, 2);
}

/* The ids are a promise to scripts: unique, stage-prefixed, and in the README. */
static void
test_ids_documented (void)
{
  const char *fixtures = g_getenv ("MATOU_TEST_FIXTURES");
  g_autofree char *path = g_build_filename (fixtures, "..", "..", "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const MatouCheckId *ids;
  guint n_ids;

  g_assert_true (g_file_get_contents (path, &readme, NULL, NULL));
  ids = matou_doctor_check_ids (&n_ids);
  g_assert_cmpuint (n_ids, >=, 15);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("`%s`", ids[i].id);
      g_autofree char *prefix = g_strconcat (matou_doctor_stage_to_string (ids[i].stage), ".", NULL);

      g_assert_true (g_hash_table_add (seen, (gpointer) ids[i].id));
      g_assert_true (g_str_has_prefix (ids[i].id, prefix));
      if (strstr (readme, quoted) == NULL)
        g_error ("the README does not document the check id %s", ids[i].id);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/doctor/explain/every-rule-explains-its-sample", test_every_rule_explains_its_sample);
  g_test_add_func ("/doctor/explain/messages-users-paste", test_messages_users_paste);
  g_test_add_func ("/doctor/explain/prefix-mirrors", test_prefix_mirrors);
  g_test_add_func ("/doctor/explain/broken-files-refused", test_broken_files_refused);
  g_test_add_func ("/doctor/image-references", test_image_references);
  g_test_add_func ("/doctor/report/masks-passwords-and-home", test_report_masks_passwords_and_home);
  g_test_add_func ("/doctor/json-shape", test_json_shape);
  g_test_add_func ("/doctor/exit-status-by-state", test_exit_status_by_state);
  g_test_add_func ("/doctor/ids-documented", test_ids_documented);

  return g_test_run ();
}
