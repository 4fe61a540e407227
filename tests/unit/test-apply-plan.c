/* The apply plan: one table of requests, files and Engine versions, and what each one changes or why it is refused. */
#include "matou-apply-plan.h"
#include "matou-error.h"

#define FOREIGN "{\"data-root\": \"/srv/docker\", \"log-opts\": {}, \"registry-mirrors\": [\"https://old.example\"]}"
#define MATOU_DROPIN "[Service]\nEnvironment=\"HTTP_PROXY=http://p.example:3128\"\n"

typedef struct {
  const char        *name;
  const char        *request;
  const char        *daemon_json;    /* NULL: no file */
  const char        *dropin;         /* NULL: no file */
  const char        *version;
  MatouApplyService  service;
  /* expectations */
  const char        *refused;        /* a phrase of the refusal, or NULL when accepted */
  MatouApplyAction   action;
  const char        *json_has;       /* NULL: daemon.json is left alone */
  const char        *dropin_has;     /* NULL: the drop-in is left alone, "" removed */
  const char        *dockerd;        /* the running dockerd's command line, words split at spaces; NULL: none */
} Case;

static const Case cases[] = {
  { "mirrors only reload",
    "{\"registry-mirrors\": [\"https://docker.1ms.run\"]}", FOREIGN, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_RELOAD, "\"https://docker.1ms.run\"", NULL },
  { "the same mirrors change nothing",
    "{\"registry-mirrors\": [\"https://old.example\"]}", FOREIGN, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_NONE, NULL, NULL },
  { "clearing mirrors writes an empty list and reloads",
    "{\"registry-mirrors\": []}", FOREIGN, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_RELOAD, "\"registry-mirrors\" : []", NULL },
  { "DNS needs a restart",
    "{\"dns\": [\"223.5.5.5\"]}", FOREIGN, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_RESTART, "\"223.5.5.5\"", NULL },
  { "a missing daemon.json is created",
    "{\"registry-mirrors\": [\"https://docker.1ms.run\"]}", NULL, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_RELOAD, "\"https://docker.1ms.run\"", NULL },
  { "proxy on Engine 20.10 goes to the drop-in",
    "{\"proxy\": {\"http\": \"http://proxy.example:3128\", \"https\": \"\", \"no\": \"localhost\"}}",
    FOREIGN, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_RESTART, NULL, "Environment=\"HTTP_PROXY=http://proxy.example:3128\"" },
  { "proxy with an unknown Engine goes to the drop-in",
    "{\"proxy\": {\"http\": \"http://proxy.example:3128\"}}", FOREIGN, NULL, NULL, MATOU_APPLY_SERVICE_DIRECT,
    NULL, MATOU_APPLY_ACTION_RESTART, NULL, "HTTP_PROXY=http://proxy.example:3128" },
  { "proxy on Engine 26 goes to daemon.json",
    "{\"proxy\": {\"http\": \"http://proxy.example:3128\", \"https\": \"http://proxy.example:3128\", \"no\": \"\"}}",
    FOREIGN, NULL, "26.1.5", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_RESTART, "\"http-proxy\" : \"http://proxy.example:3128\"", NULL },
  { "proxy off removes Matou's drop-in",
    "{\"proxy\": null}", FOREIGN, MATOU_DROPIN, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_RESTART, NULL, "" },
  { "proxy off keeps the user's own drop-in lines",
    "{\"proxy\": null}", FOREIGN, MATOU_DROPIN "LimitNOFILE=4096\n", "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_RESTART, NULL, "LimitNOFILE=4096" },
  { "proxy off when none is set changes nothing",
    "{\"proxy\": null}", FOREIGN, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_NONE, NULL, NULL },
  { "proxy off on Engine 26 removes proxies",
    "{\"proxy\": null}", "{\"proxies\": {\"http-proxy\": \"http://p:1\"}, \"debug\": true}", NULL, "26.1.5",
    MATOU_APPLY_SERVICE_SYSTEMD, NULL, MATOU_APPLY_ACTION_RESTART, "\"debug\" : true", NULL },
  { "mirrors and DNS together restart",
    "{\"registry-mirrors\": [\"https://docker.1ms.run\"], \"dns\": [\"1.1.1.1\"]}", FOREIGN, NULL, "24.0.7",
    MATOU_APPLY_SERVICE_SYSTEMD, NULL, MATOU_APPLY_ACTION_RESTART, "\"1.1.1.1\"", NULL },
  { "a mirror path is allowed from 25.0",
    "{\"registry-mirrors\": [\"https://mirror.example.com/docker\"]}", FOREIGN, NULL, "25.0.0",
    MATOU_APPLY_SERVICE_SYSTEMD, NULL, MATOU_APPLY_ACTION_RELOAD, "mirror.example.com/docker", NULL },

  /* Every refusal the helper makes, made here first. */
  { "a mirror path is refused by 24.0",
    "{\"registry-mirrors\": [\"https://mirror.example.com/docker\"]}", FOREIGN, NULL, "24.0.7",
    MATOU_APPLY_SERVICE_SYSTEMD, "25.0", 0, NULL, NULL },
  { "a mirror that is not http or https",
    "{\"registry-mirrors\": [\"ftp://bad.example\"]}", FOREIGN, NULL, "20.10.24",
    MATOU_APPLY_SERVICE_SYSTEMD, "ftp://bad.example", 0, NULL, NULL },
  { "a DNS name instead of an address",
    "{\"dns\": [\"dns.example\"]}", FOREIGN, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    "dns.example", 0, NULL, NULL },
  { "a proxy switched on with both addresses empty",
    "{\"proxy\": {\"http\": \"\", \"https\": \"\", \"no\": \"\"}}", FOREIGN, NULL, "20.10.24",
    MATOU_APPLY_SERVICE_SYSTEMD, "Give an HTTP or HTTPS proxy address", 0, NULL, NULL },
  { "a newline in a proxy never reaches a unit file",
    "{\"proxy\": {\"http\": \"http://p.example:3128\\nExecStartPre=/bin/true\"}}", FOREIGN, NULL, "20.10.24",
    MATOU_APPLY_SERVICE_SYSTEMD, "a line break", 0, NULL, NULL },
  { "a proxy for Engine 20.10 without systemd",
    "{\"proxy\": {\"http\": \"http://proxy.example:3128\"}}", FOREIGN, NULL, "20.10.24",
    MATOU_APPLY_SERVICE_SYSV, "does not run Docker through systemd", 0, NULL, NULL },
  { "DNS is refused while the running daemon has --dns",
    "{\"dns\": [\"223.5.5.5\"]}", FOREIGN, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    "started with --dns", 0, NULL, NULL, "/usr/sbin/dockerd -H fd:// --dns 1.1.1.1" },
  { "DNS is refused while the running daemon has --dns=ADDRESS",
    "{\"dns\": [\"223.5.5.5\"]}", NULL, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    "Take the flag out", 0, NULL, NULL, "/usr/sbin/dockerd --dns=1.1.1.1" },
  { "mirrors are refused while the running daemon has --registry-mirror",
    "{\"registry-mirrors\": [\"https://docker.1ms.run\"]}", FOREIGN, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    "--registry-mirror", 0, NULL, NULL, "dockerd --registry-mirror https://m.example" },
  { "mirrors still apply beside a --dns flag",
    "{\"registry-mirrors\": [\"https://docker.1ms.run\"]}", FOREIGN, NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_RELOAD, "\"https://docker.1ms.run\"", NULL, "/usr/sbin/dockerd --dns 1.1.1.1" },
  { "an empty DNS list removes the key, which a --dns flag allows",
    "{\"dns\": []}", "{\"dns\": [\"8.8.8.8\"]}", NULL, "20.10.24", MATOU_APPLY_SERVICE_SYSTEMD,
    NULL, MATOU_APPLY_ACTION_RESTART, "{", NULL, "/usr/sbin/dockerd --dns 1.1.1.1" },
  { "a daemon.json that does not parse is never overwritten",
    "{\"registry-mirrors\": [\"https://docker.1ms.run\"]}", "{\"debug\": true,,}", NULL, "20.10.24",
    MATOU_APPLY_SERVICE_SYSTEMD, "/etc/docker/daemon.json", 0, NULL, NULL },
};

static void
test_plan_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(MatouApplyRequest) request = matou_apply_request_parse (c->request, -1, &error);
      g_autoptr(MatouApplyPlan) plan = NULL;
      g_auto(GStrv) argv = c->dockerd != NULL ? g_strsplit (c->dockerd, " ", -1) : NULL;
      MatouApplyContext context = {
        .daemon_json = c->daemon_json,
        .daemon_json_path = "/etc/docker/daemon.json",
        .dropin = c->dropin,
        .engine_version = c->version,
        .service = c->service,
        .dockerd_argv = argv,
      };

      g_test_message ("case: %s", c->name);
      g_assert_no_error (error);
      plan = matou_apply_plan_new (request, &context, &error);

      if (c->refused != NULL)
        {
          g_assert_null (plan);
          g_assert_nonnull (error);
          g_assert_true (error->domain == MATOU_ERROR);
          if (strstr (error->message, c->refused) == NULL)
            g_error ("%s: refusal “%s” does not say “%s”", c->name, error->message, c->refused);
          continue;
        }

      g_assert_no_error (error);
      g_assert_nonnull (plan);
      if (plan->action != c->action)
        g_error ("%s: action %s, expected %s", c->name,
                 matou_apply_action_to_string (plan->action), matou_apply_action_to_string (c->action));

      if (c->json_has == NULL)
        g_assert_null (plan->json_text);
      else
        {
          g_assert_nonnull (plan->json_text);
          if (strstr (plan->json_text, c->json_has) == NULL)
            g_error ("%s: daemon.json\n%s\nlacks %s", c->name, plan->json_text, c->json_has);
          /* Keys Matou does not manage are carried through, even an empty object. */
          if (c->daemon_json != NULL && strstr (c->daemon_json, "data-root") != NULL)
            {
              g_assert_nonnull (strstr (plan->json_text, "\"data-root\" : \"/srv/docker\""));
              g_assert_nonnull (strstr (plan->json_text, "\"log-opts\" : {}"));
            }
        }

      if (c->dropin_has == NULL)
        {
          g_assert_null (plan->dropin_text);
          g_assert_false (plan->dropin_remove);
        }
      else if (*c->dropin_has == '\0')
        g_assert_true (plan->dropin_remove);
      else
        {
          g_assert_false (plan->dropin_remove);
          g_assert_nonnull (plan->dropin_text);
          if (strstr (plan->dropin_text, c->dropin_has) == NULL)
            g_error ("%s: drop-in\n%s\nlacks %s", c->name, plan->dropin_text, c->dropin_has);
        }

      /* A proxy change is always a restart, wherever it goes. */
      if (plan->proxy_changes)
        g_assert_cmpint (plan->action, ==, MATOU_APPLY_ACTION_RESTART);
    }
}

static void
test_plan_knows_what_holds_now (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouApplyRequest) request = matou_apply_request_parse ("{\"dns\": []}", -1, &error);
  MatouApplyContext context = {
    .daemon_json = "{\"dns\": [\"8.8.8.8\"], \"registry-mirrors\": [\"https://a.example\"]}",
    .dropin = MATOU_DROPIN,
    .engine_version = "20.10.24",
  };
  g_autoptr(MatouApplyPlan) plan = matou_apply_plan_new (request, &context, &error);

  g_assert_no_error (error);
  g_assert_cmpstrv (plan->old_dns, ((const char *[]) { "8.8.8.8", NULL }));
  g_assert_cmpstrv (plan->old_mirrors, ((const char *[]) { "https://a.example", NULL }));
  g_assert_cmpstr (plan->old_http_proxy, ==, "http://p.example:3128");
  g_assert_cmpstr (plan->old_https_proxy, ==, "");
  g_assert_cmpint (plan->action, ==, MATOU_APPLY_ACTION_RESTART);
}

static void
test_containers_that_stop (void)
{
  MatouApplyPlan restart = { .action = MATOU_APPLY_ACTION_RESTART };
  MatouApplyPlan reload = { .action = MATOU_APPLY_ACTION_RELOAD };

  g_assert_cmpuint (matou_apply_plan_containers_stopping (&restart, 3, FALSE), ==, 3);
  g_assert_cmpuint (matou_apply_plan_containers_stopping (&restart, 3, TRUE), ==, 0);
  g_assert_cmpuint (matou_apply_plan_containers_stopping (&restart, 0, FALSE), ==, 0);
  g_assert_cmpuint (matou_apply_plan_containers_stopping (&reload, 3, FALSE), ==, 0);
}

static void
test_proxy_read_from_where_the_engine_reads_it (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouDaemonConfig) config =
    matou_daemon_config_new_from_data ("{\"proxies\": {\"http-proxy\": \"http://json.example:1\"}}", -1, &error);
  g_autofree char *http = NULL;
  g_autofree char *dropin_http = NULL;

  g_assert_no_error (error);
  g_assert_true (matou_daemon_proxy_read (MATOU_PROXY_TARGET_DAEMON_JSON, config, MATOU_DROPIN, NULL, &http, NULL, NULL));
  g_assert_cmpstr (http, ==, "http://json.example:1");
  g_assert_true (matou_daemon_proxy_read (MATOU_PROXY_TARGET_DROPIN, config, MATOU_DROPIN, NULL, &dropin_http, NULL, NULL));
  g_assert_cmpstr (dropin_http, ==, "http://p.example:3128");
  g_assert_false (matou_daemon_proxy_read (MATOU_PROXY_TARGET_DROPIN, config, NULL, NULL, NULL, NULL, NULL));
}

/* Where a password goes: a root-only file beside the drop-in, or a daemon.json only root reads. */
static void
test_secrets_kept_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouApplyRequest) secret = matou_apply_request_parse (
    "{\"proxy\": {\"http\": \"http://alice:pw@p.example:3128\", \"https\": \"\", \"no\": \"\"}}", -1, &error);
  g_autoptr(MatouApplyRequest) mirrors = matou_apply_request_parse ("{\"registry-mirrors\": []}", -1, &error);
  MatouApplyContext old_engine = {
    .engine_version = "20.10.24",
    .dropin_env_path = "/d/http-proxy.env",
  };
  MatouApplyContext new_engine = { .engine_version = "26.1.5" };
  MatouApplyContext new_engine_with_secret = {
    .daemon_json = "{\"proxies\": {\"http-proxy\": \"http://alice:pw@p.example:3128\"}}",
    .engine_version = "26.1.5",
  };
  g_autoptr(MatouApplyPlan) dropin = NULL;
  g_autoptr(MatouApplyPlan) json = NULL;
  g_autoptr(MatouApplyPlan) other_key = NULL;

  g_assert_no_error (error);
  dropin = matou_apply_plan_new (secret, &old_engine, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dropin->dropin_text, ==, "[Service]\nEnvironmentFile=/d/http-proxy.env\n");
  g_assert_cmpstr (dropin->env_text, ==, "HTTP_PROXY=http://alice:pw@p.example:3128\n");
  g_assert_false (dropin->json_private);
  g_assert_cmpint (dropin->action, ==, MATOU_APPLY_ACTION_RESTART);

  json = matou_apply_plan_new (secret, &new_engine, &error);
  g_assert_no_error (error);
  g_assert_true (json->json_private);
  g_assert_null (json->env_text);

  /* A change of another key keeps a file that holds a password private. */
  other_key = matou_apply_plan_new (mirrors, &new_engine_with_secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other_key->json_text);
  g_assert_true (other_key->json_private);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/apply-plan/table", test_plan_table);
  g_test_add_func ("/apply-plan/what-holds-now", test_plan_knows_what_holds_now);
  g_test_add_func ("/apply-plan/containers-that-stop", test_containers_that_stop);
  g_test_add_func ("/apply-plan/proxy-read", test_proxy_read_from_where_the_engine_reads_it);
  g_test_add_func ("/apply-plan/secrets-kept-private", test_secrets_kept_private);

  return g_test_run ();
}
