/* The install plans file: loaded or refused with words; what loads builds a plan for each method on a Debian 12 system. */
#include "fuzz-common.h"
#include "matou-install-plan.h"
#include "matou-install-system.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_text (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouInstallPlans) plans = matou_install_plans_load_from_data (input, size, &error);
  g_autoptr(MatouInstallSystem) system = NULL;
  g_auto(GStrv) packages = NULL;
  const MatouInstallPaths paths = { "/nonexistent/keyrings", "/nonexistent/sources", "/nonexistent/repos", "/nonexistent/rpm-gpg" };
  const MatouInstallOptions options = { .compose = TRUE };

  if (plans == NULL)
    {
      FUZZ_CHECK (error != NULL && error->message[0] != '\0');
      return 0;
    }

  packages = matou_install_plans_dup_package_names (plans);
  system = matou_install_system_new ();
  matou_install_system_set_os_release (system, fuzz_debian_12, NULL);
  system->architecture = g_strdup ("amd64");
  system->systemd = TRUE;

  for (int method = MATOU_INSTALL_METHOD_DISTRO; method <= MATOU_INSTALL_METHOD_MIRROR; method++)
    {
      g_autoptr(GError) plan_error = NULL;
      g_autoptr(MatouInstallPlan) plan = NULL;
      g_autofree char *title = matou_install_plans_dup_method_title (plans, method);
      g_autofree char *when = matou_install_plans_dup_method_when (plans, method);
      const char *mirror_id = method == MATOU_INSTALL_METHOD_DISTRO ? NULL : "docker";
      const char *mirror_url = method == MATOU_INSTALL_METHOD_DISTRO ? NULL : "https://download.docker.com";

      FUZZ_CHECK (title == NULL || g_utf8_validate (title, -1, NULL));
      FUZZ_CHECK (when == NULL || g_utf8_validate (when, -1, NULL));

      plan = matou_install_plan_build (plans, system, method, mirror_id, mirror_url,
                                       &options, &paths, "/nonexistent/backups", &plan_error);
      if (plan == NULL)
        {
          FUZZ_CHECK (plan_error != NULL && plan_error->message[0] != '\0');
          continue;
        }
      g_free (matou_install_plan_to_script (plan, "fuzz"));
    }

  return 0;
}
