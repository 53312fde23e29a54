// Wire shapes of the widget URL operations, per version, under MX's component names: requestWidgetURL in both
// versions (v20250224 adds data_request, locale, style and a few more options), v20111101's deprecated
// requestConnectWidgetURL.
import { z } from '@hono/zod-openapi';
import { PRODUCT_INPUTS } from '../../mx/products.js';
import type { ApiVersion } from '../../mx/versions.js';
import { COLOR_SCHEMES, V20250224_WIDGET_TYPES, WIDGET_TYPES, type WidgetType } from '../../mx/widgets.js';

const USE_CASES = ['MONEY_MOVEMENT', 'PFM'] as const;
const colorScheme = z.enum(COLOR_SCHEMES, { error: `must be one of ${COLOR_SCHEMES.join(', ')}` });

/** Options v20111101's WidgetRequest and ConnectWidgetRequest share (widget_type aside). */
const connectOptions = {
  client_redirect_url: z.string().optional().openapi({
    description:
      'Where an OAuth flow ends, with `is_mobile_webview: true` or `oauth_referral_source: APP` (http or https).',
  }),
  color_scheme: colorScheme.optional().openapi({ description: "The page's colors: light (default), dark, browser." }),
  current_institution_code: z.string().optional().openapi({ example: 'mxbank' }),
  current_member_guid: z.string().optional(),
  disable_background_agg: z.boolean().optional(),
  disable_institution_search: z.boolean().optional(),
  enable_app2app: z.boolean().optional(),
  include_identity: z.boolean().optional(),
  include_transactions: z.boolean().optional(),
  is_mobile_webview: z.boolean().optional(),
  mode: z
    .string()
    .optional()
    .openapi({ example: 'aggregation', description: 'aggregation (default) or verification.' }),
  oauth_referral_source: z.string().optional().openapi({ example: 'BROWSER', description: 'BROWSER or APP.' }),
  ui_message_version: z.number().int('must be a whole number').optional().openapi({ example: 4 }),
  ui_message_webview_url_scheme: z.string().optional().openapi({ example: 'mx' }),
  update_credentials: z.boolean().optional(),
};

const widgetOptionsV1 = {
  ...connectOptions,
  connections_use_case_filter: z.boolean().optional(),
  current_institution_guid: z.string().optional(),
  insight_guid: z.string().nullable().optional(),
  iso_country_code: z.array(z.string()).optional(),
  microwidget_instance_id: z.string().nullable().optional(),
  use_cases: z.array(z.enum(USE_CASES)).optional(),
  widget_type: z.string().min(1, 'must not be empty').openapi({ example: 'connect_widget' }),
};

const WidgetRequestV1 = z.object(widgetOptionsV1).openapi('WidgetRequest');

const WidgetRequestV25 = z
  .object({
    ...widgetOptionsV1,
    color_scheme: colorScheme.nullable().optional(),
    current_institution_code: z.string().nullable().optional().openapi({ example: 'mxbank' }),
    current_member_guid: z.string().nullable().optional(),
    current_microdeposit_guid: z.string().optional().openapi({
      description:
        'With mode verification: the widget opens on this microdeposit of the user, at its step (account details while PREINITIATED, then the amounts once DEPOSITED; docs/connect-widget.md). Unknown: 404.',
    }),
    data_request: z
      .object({ products: z.array(z.enum(PRODUCT_INPUTS as [string, ...string[]])) })
      .optional()
      .openapi('DataRequest'),
    deep_link_params: z.object({ launch_integration: z.string().optional() }).optional(),
    disable_institution_search: z.boolean().nullable().optional(),
    locale: z.string().optional().openapi({ example: 'fr-CA' }),
    style: z.object({ font_name: z.string() }).optional(),
  })
  .openapi('WidgetRequest');

const widgetResponseBody = (type: z.ZodType<string | null>) =>
  z
    .object({
      widget_url: z
        .object({ type, url: z.string().nullable(), user_id: z.string().nullable() })
        .openapi('WidgetResponse'),
    })
    .openapi('WidgetResponseBody');

/** requestWidgetURL's answer, per version (v20250224's document lists the types; v20111101's says string). */
export const WIDGET_RESPONSE_BODIES: Record<ApiVersion, ReturnType<typeof widgetResponseBody>> = {
  v20250224: widgetResponseBody(z.enum(V20250224_WIDGET_TYPES as [WidgetType, ...WidgetType[]]).nullable()),
  v20111101: widgetResponseBody(z.string().nullable()),
};

/** The widget types each version's document lists. */
export const WIDGET_TYPES_BY_VERSION: Record<ApiVersion, readonly WidgetType[]> = {
  v20250224: V20250224_WIDGET_TYPES,
  v20111101: WIDGET_TYPES,
};

/** requestWidgetURL's request body, per version (v20250224's document declares it inline). */
export const WIDGET_REQUEST_BODIES: Record<ApiVersion, z.ZodType<{ widget_url: z.output<typeof WidgetRequestV25> }>> = {
  v20250224: z.object({ widget_url: WidgetRequestV25 }),
  v20111101: z.object({ widget_url: WidgetRequestV1 }).openapi('WidgetRequestBody'),
};

export const ConnectWidgetRequestBodySchema = z
  .object({ config: z.object(connectOptions).optional().openapi('ConnectWidgetRequest') })
  .openapi('ConnectWidgetRequestBody');

export const ConnectWidgetResponseBodySchema = z
  .object({
    user: z
      .object({ connect_widget_url: z.string().nullable(), guid: z.string().nullable() })
      .openapi('ConnectWidgetResponse'),
  })
  .openapi('ConnectWidgetResponseBody');
