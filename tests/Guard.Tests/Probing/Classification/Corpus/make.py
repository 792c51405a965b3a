# Generates replies.jsonl (kept in git; this script documents how it was written). One realistic reply per line:
# provider, HTTP status, body, optional headers, the kind a person reading the reply would give it, the rule
# expected with the provider's own base URL (null = not pinned by a unit test), and where the shape comes from.
import json
R=[]
def add(provider,status,body,kind,rule=None,source="",headers=None,ct="application/json"):
    if not isinstance(body,str): body=json.dumps(body,ensure_ascii=False)
    R.append(dict(provider=provider,status=status,body=body,headers=headers or {},contentType=ct,kind=kind,rule=rule,source=source))
oa=lambda m,t,c,p=None:{"error":{"message":m,"type":t,"param":p,"code":c}}
# ── OpenAI ──
S="platform.openai.com/docs/guides/error-codes; openai-python fixtures"
add("openai",429,oa("You exceeded your current quota, please check your plan and billing details.","insufficient_quota","insufficient_quota"),"QuotaExhausted","openai.quota",S)
add("openai",429,oa("Rate limit reached for gpt-4o in organization org-x on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.","requests","rate_limit_exceeded"),"RateLimited","openai.rate-limit",S,{"retry-after":"1"})
add("openai",401,oa("Incorrect API key provided: sk-abc***xyz. You can find your API key at https://platform.openai.com/account/api-keys.","invalid_request_error","invalid_api_key"),"AuthFailed","openai.invalid-key",S)
add("openai",404,oa("The model `gpt-9` does not exist or you do not have access to it.","invalid_request_error","model_not_found"),"ModelNotFound","openai.model-not-found",S)
add("openai",403,oa("Country, region, or territory not supported","request_forbidden","unsupported_country_region_territory"),"Forbidden","openai.region",S)
add("openai",400,oa("Invalid prompt: your prompt was flagged as potentially violating our usage policy. Please try again with a different prompt.","invalid_request_error","invalid_prompt"),"ContentFiltered","openai.content-filter","openai community threads on o1/o3 invalid_prompt")
add("openai",400,oa("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","invalid_request_error","unsupported_parameter","max_tokens"),"BadRequest","openai.bad-parameter",S)
add("openai",503,oa("The server is overloaded or not ready yet.","server_error",None),"Overloaded",None,S)
add("openai",500,oa("The server had an error while processing your request. Sorry about that!","server_error",None),"ServerError",None,S)
# ── Anthropic ──
S="docs.anthropic.com/en/api/errors"
an=lambda t,m:{"type":"error","error":{"type":t,"message":m},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}
add("anthropic",529,an("overloaded_error","Overloaded"),"Overloaded","anthropic.overloaded",S)
add("anthropic",500,an("api_error","Overloaded"),"Overloaded","anthropic.overloaded","anthropics/claude-code issue threads: 500 api_error Overloaded")
add("anthropic",401,an("authentication_error","invalid x-api-key"),"AuthFailed","anthropic.auth",S)
add("anthropic",401,an("invalid_request_error","Invalid bearer token"),"AuthFailed","anthropic.auth","issue 14 finding; proxies answering 401 invalid_request_error")
add("anthropic",400,an("invalid_request_error","Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."),"QuotaExhausted","anthropic.credit-low",S)
add("anthropic",429,an("rate_limit_error","This request would exceed the rate limit for your organization of 50,000 input tokens per minute."),"RateLimited","anthropic.rate-limit",S,{"retry-after":"20"})
add("anthropic",404,an("not_found_error","model: claude-3-opus-20990101"),"ModelNotFound","anthropic.not-found",S)
add("anthropic",403,an("permission_error","Your API key does not have permission to use the specified resource."),"Forbidden","anthropic.permission",S)
add("anthropic",400,an("invalid_request_error","max_tokens: Field required"),"BadRequest","anthropic.invalid-request",S)
add("anthropic",500,an("api_error","Internal server error"),"ServerError","anthropic.api-error",S)
# ── Gemini ──
S="ai.google.dev/gemini-api/docs/troubleshooting; google-genai issue threads"
g=lambda c,m,s,d=None:{"error":{"code":c,"message":m,"status":s,**({"details":d} if d else {})}}
ei=lambda r:[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":r,"domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]
add("gemini",400,[g(400,"API key not valid. Please pass a valid API key.","INVALID_ARGUMENT",ei("API_KEY_INVALID"))],"AuthFailed","gemini.key-invalid","OpenAI-compatible endpoint wraps in an array; issue 15")
add("gemini",400,g(400,"API key not valid. Please pass a valid API key.","INVALID_ARGUMENT",ei("API_KEY_INVALID")),"AuthFailed","gemini.key-invalid",S)
add("gemini",400,g(400,"API key expired. Please renew the API key.","INVALID_ARGUMENT",ei("API_KEY_INVALID")),"AuthFailed","gemini.key-invalid",S)
add("gemini",429,g(429,"You exceeded your current quota, please check your plan and billing details.","RESOURCE_EXHAUSTED",[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaValue":"250"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"13s"}]),"QuotaExhausted","gemini.per-day",S)
add("gemini",429,g(429,"You exceeded your current quota.","RESOURCE_EXHAUSTED",[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaValue":"10"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"26s"}]),"RateLimited","gemini.per-minute",S)
add("gemini",429,[g(429,"Resource has been exhausted (e.g. check quota).","RESOURCE_EXHAUSTED")],"RateLimited","gemini.bare-429",S)
add("gemini",503,g(503,"The model is overloaded. Please try again later.","UNAVAILABLE"),"Overloaded","gemini.unavailable",S)
add("gemini",400,g(400,"User location is not supported for the API use.","FAILED_PRECONDITION"),"Forbidden","gemini.failed-precondition",S)
add("gemini",404,g(404,"models/gemini-1.0-pro is not found for API version v1beta, or is not supported for generateContent.","NOT_FOUND"),"ModelNotFound","gemini.not-found",S)
add("gemini",500,g(500,"An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting","INTERNAL"),"ServerError","gemini.internal",S)
add("gemini",403,g(403,"Permission denied: Consumer 'api_key:x' has been suspended.","PERMISSION_DENIED",ei("CONSUMER_SUSPENDED")),"Forbidden","gemini.permission-denied",S)
# ── Moonshot ──
S="platform.moonshot.cn/docs/api/chat#错误说明"
ms=lambda t,m:{"error":{"message":m,"type":t}}
add("moonshot",429,ms("engine_overloaded_error","The engine is currently overloaded, please try again later"),"Overloaded","moonshot.overloaded",S)
add("moonshot",429,ms("exceeded_current_quota_error","Your account org-xxx <ak-xxx> is suspended, please check your plan and billing details"),"QuotaExhausted","moonshot.quota",S)
add("moonshot",403,ms("exceeded_current_quota_error","You exceeded your current token quota: <org-xxx> 0, please check your account balance"),"QuotaExhausted","moonshot.quota",S)
add("moonshot",429,ms("rate_limit_reached_error","Your account org-xxx<ak-xxx> request reached organization max RPM: 3, please try again after 1 seconds"),"RateLimited","moonshot.rate-limit",S)
add("moonshot",429,ms("rate_limit_reached_error","Your account org-xxx<ak-xxx> request reached organization TPD rate limit, current:1500000, limit:1500000"),"QuotaExhausted","moonshot.tpd",S)
add("moonshot",401,ms("invalid_authentication_error","Invalid Authentication"),"AuthFailed","moonshot.auth",S)
add("moonshot",404,ms("resource_not_found_error","Not found the model moonshot-v9 or Permission denied"),"ModelNotFound","moonshot.not-found",S)
add("moonshot",403,ms("permission_denied_error","The API you are accessing is not open"),"Forbidden","moonshot.permission",S)
# ── Zhipu ──
S="docs.bigmodel.cn/cn/faq/api-code"
zp=lambda c,m:{"error":{"code":c,"message":m}}
add("zhipu",429,zp("1113","余额不足或无可用资源包,请充值。"),"QuotaExhausted","zhipu.balance",S)
add("zhipu",429,zp("1302","您当前使用该API的并发数过高，请降低并发，或联系客服增加限额。"),"RateLimited","zhipu.rate-limit",S)
add("zhipu",429,zp("1305","当前API请求过多，请稍后重试。"),"Overloaded","zhipu.overloaded",S)
add("zhipu",401,zp("1002","Authorization Token非法，请确认Authorization Token正确传递。"),"AuthFailed","zhipu.auth",S)
add("zhipu",400,zp("1211","模型不存在，请检查模型代码。"),"ModelNotFound","zhipu.model-not-found",S)
add("zhipu",400,zp("1301","系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。"),"ContentFiltered","zhipu.sensitive",S)
add("zhipu",429,zp("1308","Usage limit reached for 5 hour. Your limit will reset at 2026-08-27 21:31:39"),"QuotaExhausted","zhipu.plan-window","GLM Coding Plan issue threads")
add("zhipu",429,zp(1304,"该模型当日调用次数超过限制"),"QuotaExhausted","zhipu.daily",S)
# ── OpenRouter ──
S="openrouter.ai/docs/api-reference/errors"
add("openrouter",402,{"error":{"message":"This request requires more credits, or fewer max_tokens. You requested up to 4096 tokens, but can only afford 1200.","code":402}},"QuotaExhausted","openrouter.credits",S)
add("openrouter",429,{"error":{"message":"Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"50","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1770940800000"}}}},"QuotaExhausted","openrouter.free-daily",S)
add("openrouter",400,{"error":{"message":"Provider returned error","code":400,"metadata":{"raw":"{\n  \"error\": {\n    \"code\": 400,\n    \"message\": \"User location is not supported for the API use.\",\n    \"status\": \"FAILED_PRECONDITION\"\n  }\n}\n","provider_name":"Google AI Studio"}},"user_id":"user_2x"},"Forbidden","openrouter.raw>reply:gemini.failed-precondition","OpenRouter issue threads (Google AI Studio upstream)")
add("openrouter",429,{"error":{"message":"Provider returned error","code":429,"metadata":{"raw":"google/gemini-2.0-flash-exp:free is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations","provider_name":"Google AI Studio"}}},"RateLimited","openrouter.upstream-429",S)
add("openrouter",503,{"error":{"message":"No endpoints found that support tool use.","code":503}},"Overloaded","openrouter.model-down",S)
add("openrouter",403,{"error":{"message":"Input was flagged by moderation","code":403,"metadata":{"reasons":["harassment"],"flagged_input":"...","provider_name":"OpenAI","model_slug":"openai/gpt-4o"}}},"ContentFiltered","openrouter.moderation",S)
add("openrouter",401,{"error":{"message":"No auth credentials found","code":401}},"AuthFailed",None,S)
add("openrouter",200,{"error":{"message":"Provider returned error","code":502,"metadata":{"raw":"upstream connect error","provider_name":"Chutes"}}},"Overloaded",None,"error object inside a 2xx stream start")
add("openrouter",400,{"error":{"message":"Provider returned error","code":400,"metadata":{"raw":"{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Your credit balance is too low to access the Anthropic API.\"}}","provider_name":"Anthropic"}}},"QuotaExhausted","openrouter.raw>reply:anthropic.credit-low","OpenRouter BYOK issue threads")
# ── DashScope ──
S="help.aliyun.com/zh/model-studio/error-code; Qwen issue threads"
dc=lambda c,m:{"error":{"code":c,"param":None,"message":m,"type":c},"id":"chatcmpl-f9fdb027","request_id":"f9fdb027-830c-9e05-8366-ce479a878825"}
add("dashscope",400,dc("Arrearage","Access denied, please make sure your account is in good standing. For details, see: https://help.aliyun.com/zh/model-studio/error-code#overdue-payment"),"QuotaExhausted","dashscope.arrearage",S)
add("dashscope",400,{"code":"Arrearage","message":"Access denied, please make sure your account is in good standing.","request_id":"8af536f9-6b8b-93b5-bb5f-1597a3f65db4"},"QuotaExhausted","dashscope.arrearage","native API; tencentmusic/supersonic issue 1572")
add("dashscope",429,dc("Throttling.RateQuota","Requests rate limit exceeded, please try again later."),"RateLimited","dashscope.throttling",S)
add("dashscope",429,dc("Throttling","Too many requests in route. Please try again later."),"RateLimited","dashscope.throttling",S)
add("dashscope",429,dc("Throttling.AllocationQuota","Allocated quota exceeded, please increase your quota limit."),"RateLimited","dashscope.throttling",S)
add("dashscope",403,dc("AccessDenied.Unpurchased","Access to model denied. Please make sure you are eligible for using the model."),"Forbidden","dashscope.unpurchased",S)
add("dashscope",403,dc("AllocationQuota.FreeTierOnly","The free tier of the model has been exhausted. If you wish to continue access the model on a paid basis, please disable the \"use free tier only\" mode in the management console."),"QuotaExhausted","dashscope.free-tier-only",S)
add("dashscope",401,{"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"d3c4"},"AuthFailed","dashscope.invalid-key",S)
add("dashscope",400,dc("data_inspection_failed","Input data may contain inappropriate content."),"ContentFiltered","dashscope.data-inspection",S)
add("dashscope",401,{"error":{"message":"Incorrect API key provided. ","type":"invalid_request_error","param":None,"code":"invalid_api_key"},"request_id":"a1"},"AuthFailed","openai.invalid-key",S)
# ── SiliconFlow ──
S="docs.siliconflow.cn/cn/faqs/error-code"
sf=lambda c,m:{"code":c,"message":m,"data":None}
add("siliconflow",403,sf(30001,"Sorry, your account balance is insufficient"),"QuotaExhausted","siliconflow.balance",S)
add("siliconflow",400,sf(20012,"Model does not exist. Please check it carefully."),"ModelNotFound","siliconflow.model-not-found",S)
add("siliconflow",503,sf(50505,"Model service overloaded. Please try again later."),"Overloaded","siliconflow.busy",S)
add("siliconflow",429,sf(50603,"System is too busy now. Please try again later."),"Overloaded","siliconflow.busy",S)
add("siliconflow",429,{"message":"Request was rejected due to rate limiting. If you want more, please contact contact@siliconflow.cn. Details:TPM limit reached.","data":None},"RateLimited",None,S)
add("siliconflow",400,sf(20015,"length of prompt_tokens (40000) must be less than max_seq_len (32768)."),"BadRequest","siliconflow.bad-request",S)
add("siliconflow",401,"Invalid token","AuthFailed",None,S,ct="text/plain")
# ── xAI ──
S="docs.x.ai/docs/key-information/debugging; issue threads (continuedev/continue, beeai-framework)"
add("xai",400,{"code":"Client specified an invalid argument","error":"Incorrect API key provided: xa***ys. You can obtain an API key from https://console.x.ai."},"AuthFailed","xai.invalid-key",S)
add("xai",429,{"code":"Some resource has been exhausted","error":"Your team 1a2b has either used all available credits or reached its monthly spending limit. To continue making API requests, please purchase more credits or raise your spending limit."},"QuotaExhausted","xai.credits",S)
add("xai",403,{"code":"The caller does not have permission to execute the specified operation","error":"Your newly created team doesn't have any credits yet. You can purchase credits on https://console.x.ai/team/1a2b."},"QuotaExhausted","xai.credits",S)
add("xai",404,{"code":"Some requested entity was not found","error":"The model grok-9 does not exist or your team 1a2b does not have access to it."},"ModelNotFound","xai.model-not-found",S)
add("xai",429,{"code":"Some resource has been exhausted","error":"Too many requests: rate limit exceeded for grok-4 (requests per minute)."},"RateLimited","xai.rate-limit",S)
add("xai",403,{"code":"The caller does not have permission to execute the specified operation","error":"Team 1a2b is blocked."},"Forbidden","xai.permission",S)
# ── NVIDIA ──
S="build.nvidia.com API catalogue replies quoted in issue threads"
add("nvidia",403,{"status":403,"title":"Forbidden","detail":"Authorization failed"},"AuthFailed","nvidia.auth",S)
add("nvidia",401,{"status":401,"title":"Unauthorized","detail":"Authentication failed"},"AuthFailed","nvidia.auth",S)
add("nvidia",404,{"status":404,"title":"Not Found","detail":"Function '0a1b': Not found for account 'x'"},"ModelNotFound","nvidia.not-found",S)
add("nvidia",429,{"status":429,"title":"Too Many Requests"},"RateLimited","nvidia.rate-limit",S)
add("nvidia",402,{"status":402,"title":"Payment Required","detail":"Account 'x': Cloud credits expired - Please contact NVIDIA representatives"},"QuotaExhausted","nvidia.credits",S)
add("nvidia",500,{"status":500,"title":"Internal Server Error","detail":"Inference error"},"ServerError",None,S)
# ── DeepSeek ──
S="api-docs.deepseek.com/quick_start/error_codes; continuedev/continue issue 8439"
add("deepseek",402,{"error":{"message":"Insufficient Balance","type":"unknown_error","param":None,"code":"invalid_request_error"}},"QuotaExhausted","deepseek.balance",S)
add("deepseek",401,{"error":{"message":"Authentication Fails, Your api key: ****abcd is invalid","type":"authentication_error","param":None,"code":"invalid_request_error"}},"AuthFailed","deepseek.auth",S)
add("deepseek",503,{"error":{"message":"Server overloaded, please try again later","type":"service_unavailable","param":None,"code":"invalid_request_error"}},"Overloaded","deepseek.busy",S)
add("deepseek",400,{"error":{"message":"Model Not Exist","type":"invalid_request_error","param":None,"code":"invalid_request_error"}},"ModelNotFound",None,S)
add("deepseek",422,{"error":{"message":"Invalid max_tokens value, the valid range of max_tokens is [1, 8192]","type":"invalid_request_error","param":None,"code":"invalid_request_error"}},"BadRequest",None,S)
# ── Groq ──
S="console.groq.com/docs/errors; groq-python fixtures"
add("groq",429,{"error":{"message":"Rate limit reached for model `llama-3.3-70b-versatile` in organization `org_01` service tier `on_demand` on tokens per minute (TPM): Limit 6000, Used 5821, Requested 1040. Please try again in 6.86s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing","type":"tokens","code":"rate_limit_exceeded"}},"RateLimited","groq.rate-limit",S)
add("groq",429,{"error":{"message":"Rate limit reached for model `llama3-70b-8192` in organization `org_01` on tokens per day (TPD): Limit 500000, Used 499800, Requested 1200. Please try again in 9m38.016s. Visit https://console.groq.com/docs/rate-limits for more information.","type":"tokens","code":"rate_limit_exceeded"}},"QuotaExhausted","groq.per-day",S)
add("groq",429,{"error":{"message":"Rate limit reached for model `whisper` in organization `org_01` on requests per minute (RPM): Limit 20, Used 20, Requested 1. Please try again in 6ms. Visit https://console.groq.com/docs/rate-limits for more information.","type":"requests","code":"rate_limit_exceeded"}},"RateLimited","groq.rate-limit",S)
add("groq",401,{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}},"AuthFailed","openai.invalid-key",S)
add("groq",498,{"error":{"message":"Flex tier capacity exceeded. This is a temporary issue; please retry.","type":"capacity_exceeded","code":"capacity_exceeded"}},"Overloaded",None,S)
add("groq",404,{"error":{"message":"The model `llama-9` does not exist or you do not have access to it.","type":"invalid_request_error","code":"model_not_found"}},"ModelNotFound","openai.model-not-found",S)
add("groq",503,{"error":{"message":"Service Unavailable: groq is over capacity. Please try again.","type":"internal_server_error"}},"Overloaded",None,S)
# ── Mistral ──
S="docs.mistral.ai/api; mistralai client fixtures"
add("mistral",429,{"object":"error","message":"Requests rate limit exceeded","type":"rate_limited","param":None,"code":"1300"},"RateLimited","mistral.rate-limit",S)
add("mistral",429,{"object":"error","message":"Service tier capacity exceeded for this model.","type":"service_tier_capacity_exceeded","param":None,"code":"3505"},"Overloaded","mistral.capacity",S)
add("mistral",401,{"message":"Unauthorized","request_id":"c0ffee"},"AuthFailed","mistral.unauthorized",S)
add("mistral",400,{"object":"error","message":"Invalid model: mistral-ultra-9","type":"invalid_model","param":None,"code":"1500"},"ModelNotFound","mistral.model-not-found",S)
add("mistral",422,{"object":"error","message":{"detail":[{"type":"missing","loc":["body","messages"],"msg":"Field required"}]},"type":"invalid_request_error","param":None,"code":None},"BadRequest",None,S)
# ── one-api ──
S="songquanpeng/one-api issue threads"
o1=lambda m,c=None,t="one_api_error":{"error":{"message":m,"type":t,"param":"","code":c}}
add("one-api",503,o1("当前分组 default 下对于模型 gpt-5 无可用渠道 (request id: 2025082215093026624875464905761)"),"ModelNotFound","relay.no-channel","songquanpeng/one-api issue 2308")
add("one-api",403,o1("用户额度不足, 剩余额度: ＄0.000000 (request id: 2024)","insufficient_user_quota"),"QuotaExhausted","relay.quota",S)
add("one-api",403,o1("该令牌额度已用尽 (request id: 2024)","pre_consume_token_quota_failed"),"QuotaExhausted","relay.quota",S)
add("one-api",401,o1("无效的令牌 (request id: 2024)","invalid_api_key"),"AuthFailed",None,S)
add("one-api",401,o1("该令牌已过期 (request id: 2024)"),"AuthFailed","relay.token",S)
add("one-api",429,o1("当前分组上游负载已饱和，请稍后再试 (request id: 2024)","get_channel_failed"),"Overloaded","relay.saturated",S)
# ── new-api ──
S="QuantumNous/new-api issue threads"
add("new-api",503,o1("No available channel for model gpt-4o under group default (distributor) (request id: 20250101)","model_not_found","new_api_error"),"ModelNotFound","relay.no-channel",S)
add("new-api",403,o1("user quota is not enough (request id: 2025)","insufficient_user_quota","new_api_error"),"QuotaExhausted","relay.quota",S)
add("new-api",429,o1("当前模型 gpt-4o 负载已饱和，请稍后再试 (request id: 2025)","","new_api_error"),"Overloaded","relay.saturated",S)
add("new-api",401,o1("无效的令牌 (request id: 2025)","","new_api_error"),"AuthFailed","relay.token",S)
add("new-api",429,{"error":{"message":"The engine is currently overloaded, please try again later (request id: 2025)","type":"engine_overloaded_error","param":"","code":None}},"Overloaded",None,"new-api passes Moonshot's type through")
add("new-api",429,{"error":{"code":"1113","message":"余额不足或无可用资源包,请充值。 (request id: 2025)","type":"upstream_error"}},"QuotaExhausted",None,"new-api passes Zhipu's code through")
add("new-api",400,[{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}],"AuthFailed",None,"new-api passing Gemini's array body through")
# ── LiteLLM proxy ──
S="BerriAI/litellm issue threads"
ll=lambda m,c:{"error":{"message":m,"type":None,"param":None,"code":c}}
add("litellm",429,ll("litellm.RateLimitError: RateLimitError: MoonshotException - {\"error\":{\"message\":\"The engine is currently overloaded, please try again later\",\"type\":\"engine_overloaded_error\"}}","429"),"Overloaded",None,S)
add("litellm",429,ll("litellm.RateLimitError: litellm.RateLimitError: VertexAIException - {\n  \"error\": {\n    \"code\": 429,\n    \"message\": \"Resource exhausted. Please try again later.\",\n    \"status\": \"RESOURCE_EXHAUSTED\"\n  }\n}\n","429"),"RateLimited",None,S)
add("litellm",401,ll("Authentication Error, Invalid proxy server token passed. Received API Key = sk-...abcd, Key Hash (Token) =9f8e. Unable to find token in cache or `LiteLLM_VerificationTokenTable`","401"),"AuthFailed",None,S)
add("litellm",400,ll("litellm.BadRequestError: AnthropicException - {\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.\"}}","400"),"QuotaExhausted",None,S)
add("litellm",429,ll("litellm.RateLimitError: ZhipuException - {\"error\":{\"code\":\"1113\",\"message\":\"余额不足或无可用资源包,请充值。\"}}","429"),"QuotaExhausted",None,S)
add("litellm",400,ll("litellm.BadRequestError: Invalid model name passed in model=gpt-9. Call `/v1/models` to view available models for your key.","400"),"ModelNotFound",None,S)
# ── Cloudflare ──
S="developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors"
cf=lambda n,t:f"<!DOCTYPE html><html><head><title>api.example.com | {n}: {t}</title></head><body><div id=\"cf-error-details\"><h1>{t}</h1><span>Error code {n}</span><p>Cloudflare Ray ID: 8a1b2c3d4e5f</p><p>Performance &amp; security by Cloudflare</p></div></body></html>"
add("cloudflare",524,cf(524,"A timeout occurred"),"Timeout","cloudflare.timeout",S,ct="text/html")
add("cloudflare",522,cf(522,"Connection timed out"),"Timeout","cloudflare.timeout",S,ct="text/html")
add("cloudflare",521,cf(521,"Web server is down"),"ServerError","cloudflare.origin-down",S,ct="text/html")
add("cloudflare",502,cf(502,"Bad gateway"),"ServerError","status.5xx",S,ct="text/html")
add("cloudflare",520,cf(520,"Web server is returning an unknown error"),"ServerError","cloudflare.origin-down",S,ct="text/html")
with open("replies.jsonl","w") as f:
    for r in R: f.write(json.dumps(r,ensure_ascii=False)+"\n")
import collections
print(len(R), len(set(r["provider"] for r in R)), collections.Counter(r["provider"] for r in R))
