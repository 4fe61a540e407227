/* The proxy for containers and builds, from the user's own ~/.docker/config.json. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MATOU_TYPE_USER_PROXY_GROUP (matou_user_proxy_group_get_type ())
G_DECLARE_FINAL_TYPE (MatouUserProxyGroup, matou_user_proxy_group, MATOU, USER_PROXY_GROUP, AdwPreferencesGroup)

gboolean matou_user_proxy_group_is_edited (MatouUserProxyGroup *self);
gboolean matou_user_proxy_group_is_valid  (MatouUserProxyGroup *self);
void     matou_user_proxy_group_save      (MatouUserProxyGroup *self);
void     matou_user_proxy_group_revert    (MatouUserProxyGroup *self);

G_END_DECLS
