// smtpreply: the catalog: what reply codes mean and what a client should do
// about them. Basic codes (RFC 5321 and extensions), the IANA enhanced status
// code registry (RFC 3463, RFC 5248), retry advice, explanations and
// comparisons. Everything is constexpr, noexcept and allocation free.
#ifndef SMTPREPLY_CATALOG_HPP
#define SMTPREPLY_CATALOG_HPP

#include "action.hpp"
#include "advice.hpp"
#include "command_replies.hpp"
#include "enhanced_codes.hpp"
#include "explain.hpp"
#include "reply_codes.hpp"

#endif  // SMTPREPLY_CATALOG_HPP
