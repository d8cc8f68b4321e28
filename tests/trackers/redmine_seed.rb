# Seeds a fresh Redmine for the sync tests (`rails runner`): the default trackers and statuses,
# REST on, Markdown text, the admin's API key, one project per name in $PROJECTS with every
# tracker, and the ticket-id custom field, which REST cannot create. Prints the API key and the
# custom field's id as JSON.
require "json"

Redmine::DefaultData::Loader.load("en") if Redmine::DefaultData::Loader.no_data?
raise "no default trackers or statuses loaded" if Tracker.none? || IssueStatus.none?
Setting.rest_api_enabled = "1"
Setting.text_formatting = "common_mark"
admin = User.find_by(login: "admin")
admin.update!(must_change_passwd: false)
key = admin.api_key

field = IssueCustomField.find_or_create_by!(name: ENV.fetch("TICKET_FIELD")) do |f|
  f.field_format = "string"
  f.is_for_all = true
  f.is_filter = true
  f.searchable = true
  f.visible = true
  f.trackers = Tracker.all
end

ENV.fetch("PROJECTS").split(",").each do |identifier|
  Project.find_or_create_by!(identifier: identifier) do |project|
    project.name = identifier.tr("-", " ")
    project.is_public = true
    project.trackers = Tracker.all
    project.enabled_module_names = %w[issue_tracking]
  end
end

puts({ api_key: key, ticket_field_id: field.id }.to_json)
