/* The install request the helper reads as root: parsed, written back to the same request, and turned into a plan for a Debian 12 system when it names a known mirror. */
#include <string.h>

#include "fuzz-common.h"
#include "matou-error.h"
#include "matou-install-request.h"
#include "matou-install-system.h"
#include "matou-presets.h"

static MatouInstallPlans *plans;
static GPtrArray *mirrors;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_text (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallRequest) request = NULL;
  g_autoptr(MatouInstallRequest) again = NULL;
  g_autoptr(MatouInstallSystem) system = NULL;
  g_autoptr(MatouInstallPlan) plan = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  const MatouInstallPaths paths = { "/nonexistent/keyrings", "/nonexistent/sources", "/nonexistent/repos", "/nonexistent/rpm-gpg" };
  const char *mirror_id = NULL;
  const char *mirror_url = NULL;

  if (plans == NULL)
    {
      plans = matou_install_plans_load (MATOU_SOURCE_DATA_DIR "/install-plans.json", NULL);
      mirrors = matou_presets_load (MATOU_SOURCE_DATA_DIR "/docker-ce-mirrors.json", NULL);
      FUZZ_CHECK (plans != NULL && mirrors != NULL);
    }

  request = matou_install_request_parse (input, size, &error);
  if (request == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == MATOU_ERROR && error->message[0] != '\0');
      return 0;
    }

  json = matou_install_request_to_json (request);
  again = matou_install_request_parse (json, -1, &error);
  FUZZ_CHECK (again != NULL);
  json_again = matou_install_request_to_json (again);
  FUZZ_CHECK (g_str_equal (json, json_again));

  /* As the helper goes on: the mirror by its id, then the plan. */
  if (request->method == MATOU_INSTALL_METHOD_MIRROR)
    mirror_id = request->mirror;
  else if (request->method == MATOU_INSTALL_METHOD_DOCKER)
    mirror_id = matou_install_plans_get_official_mirror (plans);
  if (mirror_id != NULL)
    {
      const MatouPreset *preset = matou_presets_find (mirrors, mirror_id);

      if (preset == NULL || preset->is_template)
        return 0;
      mirror_url = preset->url;
    }

  system = matou_install_system_new ();
  matou_install_system_set_os_release (system, fuzz_debian_12, NULL);
  system->architecture = g_strdup ("amd64");
  system->systemd = TRUE;
  plan = matou_install_plan_build (plans, system, request->method, mirror_id, mirror_url,
                                   &request->options, &paths, "/nonexistent/backups", &error);
  if (plan == NULL)
    FUZZ_CHECK (error != NULL && error->message[0] != '\0');
  else
    g_free (matou_install_plan_to_script (plan, "fuzz"));

  return 0;
}
