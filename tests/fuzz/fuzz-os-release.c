/* /etc/os-release: read as g_get_os_info () reads it (KEY=value, quoted or not), then what installation makes of it. */
#include <string.h>

#include "fuzz-common.h"
#include "matou-install-plan.h"
#include "matou-install-system.h"

static MatouInstallPlans *plans;

/* The last value of @key in the text, unquoted as the shell would. */
static char *
lookup (const char *key,
        gpointer    user_data)
{
  char **lines = user_data;
  char *found = NULL;
  gsize key_len = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (strncmp (line, key, key_len) != 0 || line[key_len] != '=')
        continue;
      g_free (found);
      found = g_shell_unquote (line + key_len + 1, NULL);
    }
  return found;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_text (data, size);
  g_auto(GStrv) lines = g_strsplit (input, "\n", -1);
  g_autoptr(MatouInstallSystem) system = matou_install_system_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *describe = NULL;
  g_autofree char *distro = NULL;
  const MatouInstallPaths paths = { "/nonexistent/keyrings", "/nonexistent/sources", "/nonexistent/repos", "/nonexistent/rpm-gpg" };
  const MatouInstallOptions options = { .compose = TRUE };

  if (plans == NULL)
    {
      plans = matou_install_plans_load (MATOU_SOURCE_DATA_DIR "/install-plans.json", NULL);
      FUZZ_CHECK (plans != NULL);
    }

  matou_install_system_set_os_release (system, lookup, lines);
  system->architecture = g_strdup ("amd64");
  system->systemd = TRUE;

  /* Nothing odd reaches a file name or a command. */
  for (const char *p = system->os_id; p != NULL && *p != '\0'; p++)
    FUZZ_CHECK (g_ascii_isalnum (*p) || strchr ("._~+-", *p) != NULL);
  for (const char *p = system->os_version_codename; p != NULL && *p != '\0'; p++)
    FUZZ_CHECK (g_ascii_isalnum (*p) || strchr ("._~+-", *p) != NULL);
  if (system->os_pretty_name != NULL)
    FUZZ_CHECK (g_utf8_validate (system->os_pretty_name, -1, NULL));

  matou_install_system_guess_family (system);
  describe = matou_install_system_describe (system);
  FUZZ_CHECK (describe != NULL && g_utf8_validate (describe, -1, NULL));

  distro = matou_install_plans_match_distro (plans, system, &error);
  if (distro == NULL)
    {
      FUZZ_CHECK (error != NULL);
      return 0;
    }

  for (int method = MATOU_INSTALL_METHOD_DISTRO; method <= MATOU_INSTALL_METHOD_DISTRO + 2; method++)
    {
      g_autoptr(GError) plan_error = NULL;
      g_autoptr(MatouInstallPlan) plan = NULL;
      const char *mirror_id = NULL;
      const char *mirror_url = NULL;

      if (method != MATOU_INSTALL_METHOD_DISTRO)
        {
          mirror_id = matou_install_plans_get_official_mirror (plans);
          mirror_url = "https://download.docker.com";
        }
      plan = matou_install_plan_build (plans, system, method, mirror_id, mirror_url,
                                       &options, &paths, "/nonexistent/backups", &plan_error);
      if (plan == NULL)
        FUZZ_CHECK (plan_error != NULL);
      else
        g_free (matou_install_plan_to_script (plan, "fuzz"));
    }

  return 0;
}
